// Rows read several possible ways (glued digits, a short row) are settled by the report's own sums: a
// reading that breaks a rule the other rows pin down is dropped. Rows still open after that keep their
// first reading, and the cells whose value depends on the choice are reported as uncertain.
import type { RowFit } from "@/lib/reader/tables/fit-row-values";
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import { joinCellId } from "@/lib/reader/template/join-cell-id";
import { describeRow } from "@/lib/reader/template/cell-catalogue";
import { indexEquations, isFeasible } from "./index-equations";
import type { Equation } from "./list-equations";

export interface RowReading {
  key: string;
  columns: readonly string[];
  fit: RowFit;
}

export interface ResolvedCells {
  values: Map<string, number | null>;
  raw: Map<string, string>;
  units: Map<string, string | null>;
  /** Cells printed blank (or left out of a short/empty row): only these may be inferred. */
  blanks: Set<string>;
  findings: Finding[];
}

export function resolveRowOptions(readings: readonly RowReading[], template: TemplateVersion): ResolvedCells {
  const resolved: ResolvedCells = {
    values: new Map(),
    raw: new Map(),
    units: new Map(),
    blanks: new Set(),
    findings: [],
  };
  let open = readings.filter((reading) => reading.fit.options.length > 1);
  for (const reading of readings) if (reading.fit.options.length === 1) write(resolved, reading, 0);
  const index = indexEquations(template);
  let changed = open.length > 0;
  while (changed) {
    changed = false;
    for (const reading of open) {
      const survivors = reading.fit.options.filter((option) => fits(reading, option, resolved, index));
      if (survivors.length > 0 && survivors.length < reading.fit.options.length) {
        reading.fit = { ...reading.fit, options: survivors };
        changed = true;
      }
      if (reading.fit.options.length === 1) write(resolved, reading, 0);
    }
    open = open.filter((reading) => reading.fit.options.length > 1);
  }
  for (const reading of open) {
    write(resolved, reading, 0);
    const cells = differingCells(reading);
    resolved.findings.push(uncertainRow(reading, cells, template));
  }
  return resolved;
}

function write(resolved: ResolvedCells, reading: RowReading, optionIndex: number): void {
  const option = reading.fit.options[optionIndex] ?? [];
  reading.columns.forEach((column, index) => {
    const id = joinCellId(reading.key, column);
    const cell = option[index];
    resolved.values.set(id, cell?.value ?? null);
    if (cell && cell.value === null) resolved.blanks.add(id);
    if (cell && cell.text !== "") resolved.raw.set(id, cell.text);
    if (cell?.unit) resolved.units.set(id, cell.unit);
  });
}

function fits(
  reading: RowReading,
  option: readonly { value: number | null }[],
  resolved: ResolvedCells,
  index: ReturnType<typeof indexEquations>,
): boolean {
  const values = new Map(resolved.values);
  const blanks = new Set(resolved.blanks);
  const equations = new Set<Equation>();
  reading.columns.forEach((column, position) => {
    const id = joinCellId(reading.key, column);
    const value = option[position]?.value ?? null;
    values.set(id, value);
    if (value === null) blanks.add(id);
    for (const equation of index.get(id) ?? []) equations.add(equation);
  });
  for (const equation of equations) if (!isFeasible(equation, values, blanks)) return false;
  return true;
}

function differingCells(reading: RowReading): string[] {
  const [first, ...rest] = reading.fit.options;
  return reading.columns
    .filter((_, position) => rest.some((option) => option[position]?.value !== first?.[position]?.value))
    .map((column) => joinCellId(reading.key, column));
}

function uncertainRow(reading: RowReading, cells: string[], template: TemplateVersion): Finding {
  const row = describeRow(reading.key, template);
  if (reading.fit.issue === "DIGITS_AMBIGUOUS")
    return {
      code: "DIGITS_AMBIGUOUS",
      severity: "warning",
      kind: "uncertain",
      cells,
      message: `${row}：数字粘连（${reading.fit.options.length} 种拆分都符合勾稽关系），已按第一种拆分读取，请核对原文。`,
    };
  return {
    code: "ROW_SHORT",
    severity: "warning",
    kind: "uncertain",
    cells,
    message: `${row}：该行少印了数字，无法确定空缺在哪一列，请核对原文。`,
  };
}
