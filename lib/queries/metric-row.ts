// The one row shape of every ranking-like list — agencies ranked by a metric, a region's children, the
// agencies of a comparison — so one table component, one chart component and the export serve them all
// (umami's {x, y}, with what a rate needs beside it).
import type { RateValue } from "@/lib/metrics/compute-rate";

export type MetricRowEntity = { type: "agency"; id: number } | { type: "region"; code: string };

export interface MetricRow {
  /** What the row is about; its page is /agencies/{id} or /regions?region={code}. */
  entity: MetricRowEntity;
  label: string;
  /** A second line: the agency's region and kind, or the region's coverage. */
  detail: string | null;
  /** 1 = highest value; ties share a rank; null when the value is hidden or missing. */
  rank: number | null;
  /** The metric's value (a rate null below the minimum n). */
  value: number | null;
  /** A rate's denominator, shown beside it; null for counts. */
  n: number | null;
  /** The same metric a year earlier, for the same agency or region. */
  previousValue: number | null;
  /** value − previousValue (percentage points for rates), when both are shown. */
  change: number | null;
  /** Reports summed into the row (1 for an agency-year). */
  reports: number;
}

export function changeOf(current: RateValue, previous: RateValue | null): number | null {
  if (current.value === null || previous?.value === null || previous?.value === undefined) return null;
  return Math.round((current.value - previous.value) * 1e9) / 1e9;
}
