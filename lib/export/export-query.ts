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

/** Long rows are cells or metrics, not both. */
export function longTakesOneKind(query: { format: ExportFormat; cells?: unknown; metrics?: unknown }) {
  return !(query.format === "long" && query.cells && query.metrics);
}
export const LONG_TAKES_ONE_KIND_MESSAGE = "明细格式（long）一次只能导出单元格或指标之一";
/** A fresh object per schema: zod takes the params object over (its `message` does not survive). */
export function longTakesOneKindError() {
  return { message: LONG_TAKES_ONE_KIND_MESSAGE, path: ["metrics"] };
}

export const exportQuerySchema = dashboardFiltersSchema
  .extend({
    ...EXPORT_SELECTION_FIELDS,
    format: z.enum(EXPORT_FORMATS).default("long"),
    type: z.enum(EXPORT_TYPES).default("csv"),
  })
  .refine(longTakesOneKind, longTakesOneKindError());

export type ExportQuery = z.infer<typeof exportQuerySchema>;

/**
 * URL parameters → a plain object for zod. A repeated parameter (checkboxes of a form: cells=t2&cells=t3)
 * is joined with commas, as the comma lists expect; blank values are left out.
 */
export function searchParamsToObject(
  params: URLSearchParams | Record<string, string | string[] | undefined>,
): Record<string, string> {
  const entries =
    params instanceof URLSearchParams
      ? [...params]
      : Object.entries(params).flatMap(([key, value]) =>
          (Array.isArray(value) ? value : value === undefined ? [] : [value]).map((v) => [key, v] as const),
        );
  const object: Record<string, string> = {};
  for (const [key, value] of entries) {
    if (value.trim() === "") continue;
    object[key] = key in object ? `${object[key]},${value}` : value;
  }
  return object;
}
