// Resolved readings → the final cells: （六）其他处理 derived from its sub-rows when they are printed, blank
// cells the sums force filled (and listed), then the 勾稽 rules checked on the result.
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import { buildCellRecord } from "@/lib/reader/template/cell-catalogue";
import { joinCellId } from "@/lib/reader/template/join-cell-id";
import { T3_COLUMNS } from "@/lib/reader/template/row-catalogue";
import { checkReportRules } from "./check-report-rules";
import { findSumBoundBreaks } from "./find-sum-bound-breaks";
import { inferForcedValues } from "./infer-forced-values";
import { OTHER_SUB_ROWS, sumOf } from "./list-equations";
import type { ResolvedCells } from "./resolve-row-options";

export interface FinishedCells {
  cells: Record<string, number | null>;
  inferred: string[];
  findings: Finding[];
  /** Row （六） was summed from its printed sub-rows. */
  derivedOther: boolean;
}

interface FinishInput {
  resolved: ResolvedCells;
  template: TemplateVersion;
  /** Table 三's rows whose label was found. */
  printedT3: ReadonlySet<string>;
  /** The numbers were placed by their position on the page (PDF), so a misplaced one may break a sum. */
  placedByPosition: boolean;
}

export function finishCells({ resolved, template, printedT3, placedByPosition }: FinishInput): FinishedCells {
  const values = resolved.values;
  const blanks = new Set(resolved.blanks);
  const derive = deriveOtherRow(template, printedT3, values);
  if (derive) for (const column of T3_COLUMNS) blanks.delete(`t3.other.${column}`);
  const afterFill = derive ?? (() => {});
  afterFill(values);
  const unsure = new Set(resolved.unsure);
  // （六） summed from its sub-rows is as unsure as they are.
  if (derive)
    for (const id of resolved.unsure)
      if (/^t3\.other\.(no_correction|no_fee|misc)\./.test(id)) unsure.add(`t3.other.${id.split(".")[3]}`);
  const { inferred, findings } = inferForcedValues({ values, blanks, template, afterFill, unsure });
  findings.push(...checkReportRules(values, template, unsure));
  if (placedByPosition) findings.push(...findSumBoundBreaks({ values, template, unsure }));
  return {
    cells: buildCellRecord(template, values),
    inferred,
    findings,
    derivedOther: derive !== null,
  };
}

/** 2021: when the three sub-rows are printed, row （六） is their sum — derived, neither finding nor inference. */
function deriveOtherRow(
  template: TemplateVersion,
  printed: ReadonlySet<string>,
  values: ReadonlyMap<string, number | null>,
): ((values: Map<string, number | null>) => void) | null {
  if (template !== "2021" || !OTHER_SUB_ROWS.some((row) => printed.has(row))) return null;
  const printedOwn = T3_COLUMNS.some(
    (column) => (values.get(joinCellId("t3.other", column)) ?? null) !== null,
  );
  if (printedOwn) return null;
  return (target) => {
    for (const column of T3_COLUMNS)
      target.set(
        joinCellId("t3.other", column),
        sumOf(
          OTHER_SUB_ROWS.map((row) => joinCellId(row, column)),
          target,
        ),
      );
  };
}
