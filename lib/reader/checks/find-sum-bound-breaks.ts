// A sum through blank cells cannot be proved, but it can be disproved: the cells count things, so a blank stands
// for 0 or more, and a side of a rule whose every cell was read can never be smaller than what was read on the
// other side. A total read smaller than a number printed in its own row, or a part larger than its total, is then
// certain to be wrong somewhere. Where numbers were placed by their position on the page (PDF), that is most
// likely our misreading — a number set in the wrong column beside a blank, a wrapped number cut — so every cell of
// the rule is flagged uncertain rather than the report blamed (a consistent report must not read inconsistent).
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import { mayBeNegative } from "@/lib/reader/template/row-catalogue";
import { describeViolation } from "./check-report-rules";
import { listEquations, type Equation } from "./list-equations";

interface BoundInput {
  values: ReadonlyMap<string, number | null>;
  template: TemplateVersion;
  /** Cells whose reading is in doubt already: counted as unknown, so their misreading breaks no bound. */
  unsure: ReadonlySet<string>;
}

export function findSumBoundBreaks({ values, template, unsure }: BoundInput): Finding[] {
  const findings: Finding[] = [];
  for (const equation of listEquations(template)) {
    const cells = [...equation.left, ...equation.right];
    if (cells.some(mayBeNegative)) continue;
    const left = readSide(equation.left, values, unsure);
    const right = readSide(equation.right, values, unsure);
    // Every cell known on both sides is rule 1–4's own check; unknowns on both sides bound nothing.
    if (left.complete === right.complete) continue;
    const [whole, part] = left.complete ? [left, right] : [right, left];
    if (part.sum <= whole.sum + 1e-9) continue;
    findings.push({
      code: "SUM_BOUND_BROKEN",
      severity: "warning",
      kind: "uncertain",
      cells,
      message: `${describeViolation(equation, left.sum, right.sum, template).replace(/。$/, "")}（空白单元格按 0 计），空白处无论是什么数都不能相符：可能有数字读错位置或漏读，请核对原文。`,
    });
  }
  return findings;
}

/** Σ of the side's known cells, and whether every cell of it is known (read, and not in doubt). */
function readSide(
  ids: Equation["left"],
  values: ReadonlyMap<string, number | null>,
  unsure: ReadonlySet<string>,
): { sum: number; complete: boolean } {
  let sum = 0;
  let complete = true;
  for (const id of ids) {
    const value = values.get(id);
    if (value === null || value === undefined || unsure.has(id)) complete = false;
    else sum += value;
  }
  return { sum, complete };
}
