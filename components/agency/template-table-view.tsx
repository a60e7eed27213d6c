"use client";

// The markup of the agency page's template tables (表二–四 with the years side by side, 表三 by applicant
// type), drawn from rows of plain strings. Why a client component: a server-rendered table travels twice —
// as HTML and again as its element tree in the page's RSC payload — while a client component's payload is
// only its props: seven years × ~150 rows of cells made the page ~370 KB. The cells' styles are declared
// once in globals.css (.template-table), not repeated as class strings on each of ~1 000 cells; the
// section's description explains ／, —, * and †, so only the rare * and † cells carry a title.

/** One row: its label, nesting depth, and one formatted string per column (null: a group heading). */
export interface TemplateTableViewRow {
  key: string;
  label: string;
  depth: number;
  cells: string[] | null;
}

/** Nested rows indent by level (classes, not inline styles: the CSP may forbid those). */
const INDENT = ["pl-3", "pl-7", "pl-11", "pl-15"];

export const ABSENT = "／";
export const CORRECTED_MARK = "†";
export const INFERRED_MARK = "*";

function Cell({ text }: { text: string }) {
  if (text === ABSENT) return <span className="text-slate-400">{text}</span>;
  if (text.endsWith(CORRECTED_MARK)) {
    return (
      <span title="已由填报员更正（原识别值保留在版本记录中）" className="text-blue-800">
        {text}
      </span>
    );
  }
  if (text.endsWith(INFERRED_MARK)) {
    return (
      <span title="报告中为空，按报告自身的合计推算" className="text-amber-800">
        {text}
      </span>
    );
  }
  return <>{text}</>;
}

export function TemplateTableView({
  label,
  headers,
  rows,
  wide = false,
}: {
  label: string;
  /** The number columns' headers (years, or applicant types). */
  headers: string[];
  rows: readonly TemplateTableViewRow[];
  /** A minimum width (表三 by applicant type: seven columns scroll sideways inside their box on a phone). */
  wide?: boolean;
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table
        aria-label={label}
        className={`template-table w-full divide-y divide-slate-200 text-sm ${wide ? "min-w-[48rem]" : ""}`}
      >
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="text-left">
              项目
            </th>
            {headers.map((header) => (
              <th key={header} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((row) => (
            <tr key={row.key} className={row.cells ? undefined : "heading"}>
              <th scope="row" className={INDENT[row.depth] ?? INDENT[3]}>
                {row.label}
              </th>
              {row.cells
                ? row.cells.map((text, index) => (
                    <td key={index}>
                      <Cell text={text} />
                    </td>
                  ))
                : headers.map((header) => <td key={header} />)}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
