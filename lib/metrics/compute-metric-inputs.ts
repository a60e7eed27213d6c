// The read model's metric columns for one report: every count's value and every rate's numerator and
// denominator (never the rate), computed from the report's cells with the metric dictionary.
import { evaluateFormula, type CellValues } from "@/lib/metrics/evaluate-formula";
import { METRICS, type MetricColumn } from "@/lib/metrics/metric-dictionary";

export type MetricInputs = Record<MetricColumn, number | null>;

export function computeMetricInputs(cells: CellValues): MetricInputs {
  const inputs: Partial<MetricInputs> = {};
  for (const metric of METRICS) {
    if (metric.kind === "count") {
      inputs[metric.column] = evaluateFormula(metric.value, cells);
    } else {
      inputs[metric.numeratorColumn] = evaluateFormula(metric.numerator, cells);
      inputs[metric.denominatorColumn] = evaluateFormula(metric.denominator, cells);
    }
  }
  return inputs as MetricInputs;
}
