// What an export asks for: the dashboard's own filter schema (lib/queries/filters.ts) extended with what to
// export, so an export link carries exactly the filters of the view it came from.
//   GET /api/export?year=2023&region=500107&kind=乡镇&cells=t3.new&format=long&type=csv
// Parameters a view has but an export ignores (page, sort, metric, code) are accepted and left out.
import { z } from "zod";
import { METRIC_IDS, dashboardFiltersSchema } from "@/lib/queries/filters";

export const EXPORT_FORMATS = ["long", "wide"] as const;
export const EXPORT_TYPES = ["csv", "xlsx"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
export type ExportType = (typeof EXPORT_TYPES)[number];

/** A selection may name every cell of the template (226) by id; prefixes (t3, t3.new) name many at once. */
export const MAX_CELL_TOKENS = 300;
/** `t3`, `t3.new`, `t3.new.total` — a cell id or a prefix of one, checked against the catalogue later. */
export const cellTokenSchema = z.string().regex(/^t[234](\.[a-z0-9_]+){0,4}$/, "不是单元格编号");

function commaList<T extends z.ZodType>(item: T, max: number) {
  return z.preprocess(
    (text) =>
      typeof text === "string"
        ? [...new Set(text.split(/[,，\s]/).map((part) => part.trim()))].filter(Boolean)
        : text,
    z.array(item).min(1).max(max),
  );
}

export const EXPORT_SELECTION_FIELDS = {
  cells: commaList(cellTokenSchema, MAX_CELL_TOKENS).optional(),
  metrics: commaList(z.enum(METRIC_IDS), METRIC_IDS.length).optional(),
};

export const exportQuerySchema = dashboardFiltersSchema
  .extend({
    ...EXPORT_SELECTION_FIELDS,
    format: z.enum(EXPORT_FORMATS).default("long"),
    type: z.enum(EXPORT_TYPES).default("csv"),
  })
  .refine((query) => !(query.format === "long" && query.cells && query.metrics), {
    message: "明细格式（long）一次只能导出单元格或指标之一",
    path: ["metrics"],
  });

export type ExportQuery = z.infer<typeof exportQuerySchema>;

/** URLSearchParams → a plain object for zod (the first value of a repeated parameter, blank ones left out). */
export function searchParamsToObject(params: URLSearchParams): Record<string, string> {
  const object: Record<string, string> = {};
  for (const [key, value] of params) if (!(key in object) && value.trim() !== "") object[key] = value;
  return object;
}
