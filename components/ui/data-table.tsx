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
      <table aria-label={label} className="data-table min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            {columns.map((column, i) => (
              <th key={column.key} scope="col" {...classProp(alignOverride(column, i), column.className)}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((column, i) => (
                <td key={column.key} {...classProp(alignOverride(column, i))}>
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

/**
 * The cells' styles are declared once in globals.css (.data-table: the first column left-aligned and
 * wrapping, the others right-aligned numbers on one line); a cell carries a class only where its column
 * asks for another alignment — a city's 地区 page has ~1 000 cells, each class string sent twice (HTML and
 * the RSC payload).
 */
function alignOverride<Row>(column: Column<Row>, index: number): string | undefined {
  if (!column.align || column.align === (index === 0 ? "left" : "right")) return undefined;
  return column.align === "right" ? "text-right" : "text-left";
}

/**
 * A class attribute only where there is a class: `className={undefined}` is still sent in the RSC payload,
 * as `"className":"$undefined"` on each of the ~1 000 cells of a city's 地区 page (~25 KB).
 */
function classProp(...names: (string | undefined)[]): { className?: string } {
  const className = names.filter(Boolean).join(" ");
  return className ? { className } : {};
}
