// Turns the `cells` parameter into catalogue cells: an exact id (t3.new.total) or a prefix ending at a dot
// (t3 = all of table 三, t3.new = the row's columns). Unknown names are refused with their name, never
// silently dropped — an analyst would otherwise get a file without the column they asked for.
import { AppError } from "@/lib/api/app-error";
import { CELLS, type CellSpec } from "@/lib/reader/template/cell-catalogue";

export function resolveCellSelection(tokens: readonly string[] | undefined): readonly CellSpec[] {
  if (!tokens || tokens.length === 0) return CELLS;
  const unknown: string[] = [];
  const chosen = new Set<string>();
  for (const token of tokens) {
    const matches = CELLS.filter((cell) => cell.id === token || cell.id.startsWith(`${token}.`));
    if (matches.length === 0) unknown.push(token);
    for (const cell of matches) chosen.add(cell.id);
  }
  if (unknown.length > 0) {
    throw new AppError("INVALID_INPUT", `cells：没有这些单元格编号：${unknown.slice(0, 5).join("、")}`);
  }
  // Catalogue order, whatever order they were named in: columns of a file read like the template.
  return CELLS.filter((cell) => chosen.has(cell.id));
}
