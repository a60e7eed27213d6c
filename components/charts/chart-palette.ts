// Series colours shared by every chart (colour-blind-safe order: blue, orange, green, red, purple, …).
export const CHART_COLORS = [
  "#2563eb",
  "#ea580c",
  "#16a34a",
  "#dc2626",
  "#7c3aed",
  "#0891b2",
  "#ca8a04",
  "#db2777",
  "#475569",
  "#65a30d",
] as const;

export function colorAt(index: number): string {
  return CHART_COLORS[index % CHART_COLORS.length]!;
}

/** One series of a chart: the data key and the name people read in the legend and tooltip. */
export interface ChartCategory {
  key: string;
  name: string;
}

/** A chart's data: one object per index value (a year, an agency), numbers or null per category key. */
export type ChartDatum = Record<string, string | number | null>;
