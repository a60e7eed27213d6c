// Short readable names of cells for people: "表三 （一）予以公开 · 自然人", from the cell catalogue.
import { CELL_DEFINITIONS } from "@/lib/ingest/cell-numbers";
import type { TemplateVersion } from "@/lib/reader/types";

const TABLES: Record<number, string> = { 2: "表二", 3: "表三", 4: "表四" };

export function labelCells(template: TemplateVersion): Record<string, string> {
  const labels: Record<string, string> = {};
  for (const cell of CELL_DEFINITIONS) {
    const parts = cell.columnLabel.split(" / ");
    const column = parts.length === 2 ? parts[template === "2021" ? 0 : 1] : cell.columnLabel;
    const row = cell.tableNo === 2 ? cell.rowPath.slice(1).join(" ") : cell.rowPath.at(-1);
    labels[cell.cellId] = `${TABLES[cell.tableNo]} ${row} · ${column!.replace(/^法人或其他组织\//, "")}`;
  }
  return labels;
}
