"use client";

// One government's differing cells in the roll-up check (汇总核对), drawn from rows of plain strings. Why a
// client component: a server-rendered table travels twice — as HTML and again as its element tree in the
// page's RSC payload — while a client component's payload is only its props. A city's 地区 and 数据质量 pages
// check ~21 governments × 5 cells; as DataTables with a 说明 sentence on each row that was ~190 KB of each
// page. The markup is DataTable's (.data-table: first column left, numbers right, styles once in CSS).

/** One differing cell, every field already formatted. */
export interface RollUpTableRow {
  cellId: string;
  /** "表三 …行 · 列" as in the template. */
  label: string;
  parent: string;
  sum: string;
  diff: string;
  childrenWithValue: string;
}

const HEADERS = ["单元格", "本级报告", "下级合计", "差额", "有数值的下级"];

export function RollUpTable({ label, rows }: { label: string; rows: readonly RollUpTableRow[] }) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table aria-label={label} className="data-table min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {HEADERS.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((row) => (
            <tr key={row.cellId}>
              <td>
                {row.label}
                <span className="ml-1 font-mono text-xs text-slate-500">{row.cellId}</span>
              </td>
              <td>{row.parent}</td>
              <td>{row.sum}</td>
              <td>{row.diff}</td>
              <td>{row.childrenWithValue}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
