// The one table of the dashboard: a caption for screen readers and tests, columns defined by the caller,
// scrolling sideways inside its own box on a phone (the page never scrolls sideways).
//   <DataTable label="各年度申请量" rows={years} rowKey={(r) => r.year} columns={[{ key: "year", header: "年度", cell: (r) => r.year }]} />
import type { ReactNode } from "react";

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Numbers right-aligned (default for everything but the first column). */
  align?: "left" | "right";
  /** A narrow second line under the header (e.g. a unit). */
  className?: string;
}

export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  footer,
}: {
  label: string;
  columns: Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string | number;
  footer?: ReactNode;
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {columns.map((column, i) => (
              <th
                key={column.key}
                scope="col"
                className={`px-3 py-2 font-medium whitespace-nowrap ${alignOf(column, i)} ${column.className ?? ""}`}
              >
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((row) => (
            <tr key={rowKey(row)} className="hover:bg-slate-50">
              {columns.map((column, i) => (
                <td
                  key={column.key}
                  className={`px-3 py-2 ${i === 0 ? "" : "whitespace-nowrap tabular-nums"} ${alignOf(column, i)}`}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        {footer ? <tfoot className="bg-slate-50 font-medium">{footer}</tfoot> : null}
      </table>
    </div>
  );
}

function alignOf<Row>(column: Column<Row>, index: number): string {
  const align = column.align ?? (index === 0 ? "left" : "right");
  return align === "right" ? "text-right" : "text-left";
}
