// The address of an export: /api/export with the filters that decide a view's rows and the export's own
// choices, in a stable order. View toolbars and the 导出 page build their links here, so a link carries
// exactly the filters its view was drawn with.
//   buildExportHref({ year: 2023, region: "500107" }, { format: "wide", type: "xlsx" })
import type { DashboardFilters } from "@/lib/queries/filters";
import type { ExportFormat, ExportType } from "./export-query";

export type ExportFilters = Pick<DashboardFilters, "year" | "years" | "region" | "kind" | "agencies" | "q">;

export interface ExportChoices {
  format: ExportFormat;
  type: ExportType;
  cells?: readonly string[];
  metrics?: readonly string[];
}

const FILTER_ORDER = ["year", "years", "region", "kind", "agencies", "q"] as const;

export function buildExportParams(filters: ExportFilters, choices: Omit<ExportChoices, "type">) {
  const params = new URLSearchParams();
  for (const name of FILTER_ORDER) {
    const value = filters[name];
    if (value === undefined || value === null) continue;
    params.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  if (choices.cells && choices.cells.length > 0) params.set("cells", choices.cells.join(","));
  if (choices.metrics && choices.metrics.length > 0) params.set("metrics", choices.metrics.join(","));
  params.set("format", choices.format);
  return params;
}

export function buildExportHref(filters: ExportFilters, choices: ExportChoices): string {
  const params = buildExportParams(filters, choices);
  params.set("type", choices.type);
  return `/api/export?${params.toString()}`;
}
