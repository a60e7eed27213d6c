// A blank cell whose value the report's own sums force (the only unknown of a rule) is filled with that
// value and listed as inferred. Only printed-blank cells are filled: a printed number is never changed and a
// row the report does not print stays null.
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import { describeCell } from "@/lib/reader/template/cell-catalogue";
import { listEquations, solveForUnknown } from "./list-equations";

interface InferInput {
  values: Map<string, number | null>;
  blanks: ReadonlySet<string>;
  template: TemplateVersion;
  afterFill: (values: Map<string, number | null>) => void;
  /** Cells whose reading is in doubt: a sum through one of them forces nothing. */
  unsure: ReadonlySet<string>;
}

export function inferForcedValues({ values, blanks, template, afterFill, unsure }: InferInput): {
  inferred: string[];
  findings: Finding[];
} {
  const inferred: string[] = [];
  const all = listEquations(template);
  const equations =
    unsure.size === 0
      ? all
      : all.filter((equation) => ![...equation.left, ...equation.right].some((id) => unsure.has(id)));
  let changed = blanks.size > 0;
  while (changed) {
    changed = false;
    for (const equation of equations) {
      const forced = solveForUnknown(equation, values);
      if (!forced || forced.id === null || !blanks.has(forced.id) || inferred.includes(forced.id)) continue;
      if (forced.value < 0 || !Number.isInteger(forced.value)) continue;
      values.set(forced.id, forced.value);
      inferred.push(forced.id);
      afterFill(values);
      changed = true;
    }
  }
  if (inferred.length === 0) return { inferred, findings: [] };
  const listed = inferred.map((id) => `${describeCell(id)} = ${values.get(id)}`).join("；");
  return {
    inferred,
    findings: [
      {
        code: "VALUE_INFERRED",
        severity: "info",
        kind: "uncertain",
        cells: [...inferred],
        message: `以下单元格报告中为空，按表内勾稽关系推定：${listed}。`,
      },
    ],
  };
}
