"use client";
// Tables 二, 三 and 四 with the values as they stand; every cell a button that selects it (details,
// correction, its place in the original). Flagged cells are ringed (red: inconsistent, amber: uncertain),
// inferred ones blue and italic, corrected ones green.
import type { StoredCell } from "@/lib/ingest/read-report-cells";
import { cellClasses, formatCellValue, type CellFlag } from "./cell-states";
import type { LayoutBlock, LayoutTable } from "./template-layout";

export function ReportTables({
  layout,
  cells,
  flags,
  labels,
  selected,
  onSelect,
}: {
  layout: readonly LayoutTable[];
  cells: Record<string, StoredCell>;
  flags: ReadonlyMap<string, CellFlag>;
  labels: Record<string, string>;
  selected: string | null;
  onSelect: (cellId: string) => void;
}) {
  return (
    <div className="space-y-6">
      {layout.map((table) => (
        <section key={table.no} aria-label={table.title}>
          <h2 className="mb-2 text-base font-semibold text-slate-900">{table.title}</h2>
          {table.blocks.map((block, blockIndex) => (
            <div key={blockIndex} className="mb-3 overflow-x-auto rounded border border-slate-200 bg-white">
              <table
                className="min-w-full text-sm"
                aria-label={block.caption ? `${table.title} ${block.caption}` : table.title}
              >
                <thead className="bg-slate-100 text-xs text-slate-700">
                  {block.groups.length > 0 ? (
                    <tr>
                      <th rowSpan={2} className="px-2 py-1 text-left font-medium">
                        {block.caption ?? ""}
                      </th>
                      {block.groups.map((group, index) => (
                        <th
                          key={group.label}
                          colSpan={group.span}
                          rowSpan={spansBoth(block, index) ? 2 : 1}
                          className="border-l border-slate-200 px-2 py-1 font-medium"
                        >
                          {group.label}
                        </th>
                      ))}
                    </tr>
                  ) : null}
                  <tr>
                    {block.groups.length === 0 ? (
                      <th className="px-2 py-1 text-left font-medium">{block.caption ?? ""}</th>
                    ) : null}
                    {block.columns.map((column, index) =>
                      coveredByGroup(block, index) ? null : (
                        <th
                          key={`${column}-${index}`}
                          className="border-l border-slate-200 px-2 py-1 font-medium"
                        >
                          {column}
                        </th>
                      ),
                    )}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {block.rows.map((row, rowIndex) => (
                    <tr key={rowIndex}>
                      <th
                        scope="row"
                        className={`min-w-[9rem] px-2 py-1 text-left text-xs font-normal ${row.cells.length === 0 ? "font-medium text-slate-900" : "text-slate-700"}`}
                        style={{ paddingLeft: `${0.5 + row.depth}rem` }}
                        colSpan={row.cells.length === 0 ? block.columns.length + 1 : 1}
                      >
                        {row.label}
                      </th>
                      {row.cells.map((cellId, index) => (
                        <td key={index} className="border-l border-slate-100 p-0.5">
                          {cellId ? (
                            <button
                              type="button"
                              data-cell={cellId}
                              aria-label={`${labels[cellId] ?? cellId}：${formatCellValue(cells[cellId])}`}
                              aria-pressed={selected === cellId}
                              onClick={() => onSelect(cellId)}
                              className={cellClasses(
                                cells[cellId],
                                flags.get(cellId) ?? null,
                                selected === cellId,
                              )}
                            >
                              {formatCellValue(cells[cellId])}
                            </button>
                          ) : null}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ))}
        </section>
      ))}
      <p className="text-xs text-slate-600">
        图例：<span className="rounded bg-rose-50 px-1 ring-2 ring-inset ring-rose-400">数据不一致</span>{" "}
        <span className="rounded bg-amber-50 px-1 ring-2 ring-inset ring-amber-400">识别不确定</span>{" "}
        <span className="rounded bg-sky-50 px-1 italic">按勾稽关系推算</span>{" "}
        <span className="rounded bg-emerald-50 px-1">已人工更正</span>；点击单元格查看原文位置、更正。
      </p>
    </div>
  );
}

/** A one-column group named like its column (自然人, 总计) is one header cell two rows high. */
function spansBoth(block: LayoutBlock, groupIndex: number): boolean {
  const group = block.groups[groupIndex]!;
  const first = block.groups.slice(0, groupIndex).reduce((sum, g) => sum + g.span, 0);
  return group.span === 1 && block.columns[first] === group.label;
}

function coveredByGroup(block: LayoutBlock, columnIndex: number): boolean {
  let first = 0;
  for (const [index, group] of block.groups.entries()) {
    if (columnIndex >= first && columnIndex < first + group.span) return spansBoth(block, index);
    first += group.span;
  }
  return false;
}
