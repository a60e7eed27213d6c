// Rows read several possible ways (glued digits, a short row) are settled by the report's own sums: a
// reading that breaks a rule the other rows pin down is dropped. Rows still open after that keep their
// first reading, and the cells whose value depends on the choice are reported as uncertain.
import type { RowFit } from "@/lib/reader/tables/fit-row-values";
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import { joinCellIds } from "@/lib/reader/template/join-cell-id";
import { describeRow } from "@/lib/reader/template/cell-catalogue";
import { chooseReadingsJointly } from "./choose-readings-jointly";
import { indexEquations, isFeasible } from "./index-equations";
import {
  listEquations,
  listEquationsWithDerivedOther,
  OTHER_SUB_ROWS,
  solveForUnknown,
  type Equation,
} from "./list-equations";

export interface RowReading {
  key: string;
  columns: readonly string[];
  fit: RowFit;
}

export interface ResolvedCells {
  values: Map<string, number | null>;
  /**
   * Each cell's text as printed, by id in the order first written: the reading's `rawText` itself. A record
   * without a prototype rather than a Map copied into one at the end — the same keys, order and values (a key
   * written again keeps its place in both), without building both. Without a prototype it is a dictionary
   * from its first key: V8 otherwise gives it a dozen shapes on the way there, then copies it into one (≈ 200
   * keys: 16.5 → 10.2 µs, 53 → 37 KB of garbage per file, import11), and no key can meet an inherited one.
   */
  raw: Record<string, string>;
  units: Map<string, string | null>;
  /** Cells printed blank (or left out of a short/empty row): only these may be inferred. */
  blanks: Set<string>;
  /** Cells whose value depends on a reading we could not settle: a broken sum through them is no proof. */
  unsure: Set<string>;
  findings: Finding[];
}

export function resolveRowOptions(readings: readonly RowReading[], template: TemplateVersion): ResolvedCells {
  const resolved: ResolvedCells = {
    values: new Map(),
    raw: Object.create(null) as Record<string, string>,
    units: new Map(),
    blanks: new Set(),
    unsure: new Set(),
    findings: [],
  };
  const equations = derivesOther(readings)
    ? listEquationsWithDerivedOther(template)
    : listEquations(template);
  const index = indexEquations(equations);
  // No sum runs through 表二: its rows read several ways are settled now, flagged where the readings differ,
  // rather than multiplying the combinations searched for the other tables.
  const summed = (reading: RowReading) =>
    joinCellIds(reading.key, reading.columns).some((id) => (index.get(id)?.length ?? 0) > 0);
  let open = readings.filter((reading) => reading.fit.options.length > 1);
  for (const reading of open)
    if (!summed(reading))
      settle(
        resolved,
        reading,
        reading.fit.options.map((_, i) => i),
        template,
      );
  open = open.filter(summed);
  for (const reading of readings) {
    if (reading.fit.options.length === 1 && reading.fit.doubt) settle(resolved, reading, [0], template);
    else if (reading.fit.options.length === 1) write(resolved, reading, 0);
    // More numbers than columns: the first are taken, but which belong where is a guess.
    if (reading.fit.issue === "ROW_LONG")
      for (const id of joinCellIds(reading.key, reading.columns)) resolved.unsure.add(id);
  }
  let changed = open.length > 0;
  while (changed) {
    changed = false;
    for (const reading of open) {
      const survivors = reading.fit.options.filter((option) => fits(reading, option, resolved, index));
      if (survivors.length > 0 && survivors.length < reading.fit.options.length) {
        reading.fit = { ...reading.fit, options: survivors };
        changed = true;
      }
      if (reading.fit.options.length === 1) settle(resolved, reading, [0], template);
    }
    open = open.filter((reading) => reading.fit.options.length > 1);
  }
  if (open.length > 0) {
    const joint = chooseReadingsJointly(
      open,
      resolved.values,
      equations.filter((equation) => !throughDoubt(equation, resolved.unsure)),
    );
    open.forEach((reading, position) => {
      const used = joint.used[position] ?? [];
      // Only a complete search that found the sums holding proves which readings remain possible.
      settle(
        resolved,
        reading,
        joint.complete && used.length > 0 ? used : reading.fit.options.map((_, i) => i),
        template,
      );
    });
  }
  doubtGluedRowsBreakingSums(readings, resolved, equations, template);
  return resolved;
}

/**
 * A glued run split by its own row total can still be wrong — a blank cell leaves no trace in “924200019243”,
 * which splits as 9|24|200|0|1|9|243 as readily as 9242|0|0|0|1|·|9243. When a sum across rows then fails, the
 * glued rows in it are doubted rather than the report called inconsistent.
 */
function doubtGluedRowsBreakingSums(
  readings: readonly RowReading[],
  resolved: ResolvedCells,
  equations: readonly Equation[],
  template: TemplateVersion,
): void {
  const gluedRows = readings.filter((reading) => reading.fit.glued);
  if (gluedRows.length === 0) return;
  const doubted = new Set<RowReading>();
  for (const equation of equations) {
    const solved = solveForUnknown(equation, resolved.values);
    if (solved === null || solved.id !== null || Math.abs(solved.value) < 1e-9) continue;
    const ids = new Set([...equation.left, ...equation.right]);
    // A sum through a cell already in doubt proves nothing about the rest.
    if ([...ids].some((id) => resolved.unsure.has(id))) continue;
    for (const reading of gluedRows)
      if (joinCellIds(reading.key, reading.columns).some((id) => ids.has(id))) doubted.add(reading);
  }
  for (const reading of doubted) {
    const cells = [...joinCellIds(reading.key, reading.columns)];
    if (cells.every((id) => resolved.unsure.has(id))) continue;
    for (const id of cells) resolved.unsure.add(id);
    resolved.findings.push({
      code: "DIGITS_AMBIGUOUS",
      severity: "warning",
      kind: "uncertain",
      cells,
      message: `${describeRow(reading.key, template)}：数字粘连，拆分后与表内勾稽关系不符（可能有空白单元格未印出），请核对原文。`,
    });
  }
}

/** （六） printed only as its sub-rows: it will be their sum (finish-cells), so the sums use them in its place. */
function derivesOther(readings: readonly RowReading[]): boolean {
  const keys = new Set(readings.map((reading) => reading.key));
  return !keys.has("t3.other") && OTHER_SUB_ROWS.some((row) => keys.has(row));
}

/** Write a reading's first possible option; flag the cells its possible options disagree on. */
function settle(
  resolved: ResolvedCells,
  reading: RowReading,
  possible: readonly number[],
  template: TemplateVersion,
): void {
  write(resolved, reading, possible[0] ?? 0);
  const options = possible.map((index) => reading.fit.options[index] ?? []);
  const cells = differingCells(reading, options);
  // A glued run searched only in part may have had its true split cut off: never certain. Nor is a row whose
  // layout put its numbers in doubt.
  if (reading.fit.doubt || reading.fit.partial)
    cells.splice(0, cells.length, ...joinCellIds(reading.key, reading.columns));
  if (cells.length === 0) {
    reading.fit = { options: [options[0] ?? []], issue: null };
    return;
  }
  for (const id of cells) resolved.unsure.add(id);
  resolved.findings.push(uncertainRow(reading, cells, options.length, template));
}

function write(resolved: ResolvedCells, reading: RowReading, optionIndex: number): void {
  const option = reading.fit.options[optionIndex] ?? [];
  joinCellIds(reading.key, reading.columns).forEach((id, index) => {
    const cell = option[index];
    resolved.values.set(id, cell?.value ?? null);
    if (cell && cell.value === null) resolved.blanks.add(id);
    if (cell && cell.text !== "") resolved.raw[id] = cell.text;
    if (cell?.unit) resolved.units.set(id, cell.unit);
  });
}

/**
 * Whether the sums through the row can hold with `option` written in. The option is written into `resolved` and
 * taken out again, rather than checked on copies of the report's cells: copying them for every option of every
 * row cost more than the checks (LibreOffice prints without rulings list hundreds of options).
 */
function fits(
  reading: RowReading,
  option: readonly { value: number | null }[],
  resolved: ResolvedCells,
  index: ReturnType<typeof indexEquations>,
): boolean {
  const { values, blanks } = resolved;
  const ids = joinCellIds(reading.key, reading.columns);
  const before = ids.map((id) => ({ id, had: values.has(id), value: values.get(id), blank: blanks.has(id) }));
  const equations = new Set<Equation>();
  ids.forEach((id, position) => {
    const value = option[position]?.value ?? null;
    values.set(id, value);
    if (value === null) blanks.add(id);
    for (const equation of index.get(id) ?? []) equations.add(equation);
  });
  let holds = true;
  for (const equation of equations)
    if (!throughDoubt(equation, resolved.unsure) && !isFeasible(equation, values, blanks)) {
      holds = false;
      break;
    }
  for (const { id, had, value, blank } of before) {
    if (had) values.set(id, value ?? null);
    else values.delete(id);
    if (!blank) blanks.delete(id);
  }
  return holds;
}

/**
 * A sum through a cell whose own reading is in doubt proves nothing about another row's readings: a misread
 * 总计 there must not rule out the right reading here and leave a wrong one unflagged.
 */
function throughDoubt(equation: Equation, unsure: ReadonlySet<string>): boolean {
  return equation.left.some((id) => unsure.has(id)) || equation.right.some((id) => unsure.has(id));
}

function differingCells(
  reading: RowReading,
  options: readonly (readonly { value: number | null }[])[],
): string[] {
  const [first, ...rest] = options;
  return joinCellIds(reading.key, reading.columns).filter((_, position) =>
    rest.some((option) => option[position]?.value !== first?.[position]?.value),
  );
}

function uncertainRow(
  reading: RowReading,
  cells: string[],
  count: number,
  template: TemplateVersion,
): Finding {
  const row = describeRow(reading.key, template);
  if (reading.fit.doubt)
    return {
      code: reading.fit.issue === "DIGITS_WRAPPED" ? "DIGITS_WRAPPED" : "ROW_SHORT",
      severity: "warning",
      kind: "uncertain",
      cells,
      message: `${row}：${reading.fit.doubt}，请核对原文。`,
    };
  if (reading.fit.issue === "DIGITS_WRAPPED")
    return {
      code: "DIGITS_WRAPPED",
      severity: "warning",
      kind: "uncertain",
      cells,
      message: `${row}：数字在单元格内折成多行，已将上下各行拼接读取（也可能只有本行所印部分属于该格），请核对原文。`,
    };
  if (reading.fit.issue === "DIGITS_AMBIGUOUS")
    return {
      code: "DIGITS_AMBIGUOUS",
      severity: "warning",
      kind: "uncertain",
      cells,
      message: `${row}：数字粘连（${count > 1 ? `${count} 种拆分都符合勾稽关系` : "拆分未能穷尽"}），已按第一种拆分读取，请核对原文。`,
    };
  return {
    code: "ROW_SHORT",
    severity: "warning",
    kind: "uncertain",
    cells,
    message: `${row}：该行少印了数字，无法确定空缺在哪一列，请核对原文。`,
  };
}
