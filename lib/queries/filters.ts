// The dashboard's filter state, as it lives in the URL: one zod schema composed from shared pieces, parsed
// by every dashboard page and by the export route (issue 14 extends DASHBOARD_FILTER_FIELDS), so an export
// always has exactly the filters of the view it came from.
//   ?year=2023&region=500107&kind=乡镇,街道&metric=disclosure_rate&page=2&sort=value_asc
// (and `code`, one finding code, on 数据质量)
// Pages use parseDashboardFilters (a bad parameter is dropped and named, the rest still applies); API
// routes use dashboardFiltersSchema.safeParse and answer 400 INVALID_INPUT.
import { z } from "zod";
import { METRICS, type MetricId } from "@/lib/metrics/metric-dictionary";
import { AGENCY_KINDS } from "@/lib/reader/types";

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
/** Upper bounds on list parameters: a URL cannot make one query do unbounded work. */
export const MAX_AGENCIES = 20;
export const MAX_YEARS = 30;
export const MAX_QUERY_LENGTH = 50;
export const MAX_PAGE = 10_000;

export const METRIC_IDS = METRICS.map((metric) => metric.id) as [MetricId, ...MetricId[]];

export const SORT_KEYS = ["value_desc", "value_asc", "change_desc", "change_asc", "name"] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** "a, b,,c" → ["a", "b", "c"], each item parsed by `item`, duplicates removed, order kept. */
function commaList<T extends z.ZodType>(item: T, max: number) {
  return z.preprocess(
    (text) =>
      typeof text === "string"
        ? [...new Set(text.split(/[,，]/).map((part) => part.trim()))].filter(Boolean)
        : text,
    z.array(item).min(1).max(max),
  );
}

export const yearSchema = z.coerce.number().int().min(MIN_YEAR).max(MAX_YEAR);
/** A statistics-bureau code: 2 (province) to 12 digits. */
export const regionCodeSchema = z.string().regex(/^\d{2,12}$/);
export const agencyIdSchema = z.coerce.number().int().positive().max(2_147_483_647);
/** A finding code (RULE_BALANCE, CELL_BLANK …), for 数据质量. */
export const findingCodeSchema = z.string().regex(/^[A-Z][A-Z0-9_]{1,40}$/);

/** The shared pieces; each view reads the ones it needs. */
export const DASHBOARD_FILTER_FIELDS = {
  year: yearSchema,
  years: commaList(yearSchema, MAX_YEARS),
  region: regionCodeSchema,
  kind: commaList(z.enum(AGENCY_KINDS), AGENCY_KINDS.length),
  metric: z.enum(METRIC_IDS),
  agencies: commaList(agencyIdSchema, MAX_AGENCIES),
  q: z.string().trim().min(1).max(MAX_QUERY_LENGTH),
  page: z.coerce.number().int().min(1).max(MAX_PAGE),
  sort: z.enum(SORT_KEYS),
  code: findingCodeSchema,
} as const;

type FieldName = keyof typeof DASHBOARD_FILTER_FIELDS;
export const FILTER_NAMES = Object.keys(DASHBOARD_FILTER_FIELDS) as FieldName[];

export const dashboardFiltersSchema = z.object(
  Object.fromEntries(FILTER_NAMES.map((name) => [name, DASHBOARD_FILTER_FIELDS[name].optional()])) as {
    [K in FieldName]: z.ZodOptional<(typeof DASHBOARD_FILTER_FIELDS)[K]>;
  },
);

export type DashboardFilters = z.infer<typeof dashboardFiltersSchema>;

/** What Next passes a page as searchParams (after awaiting), or URLSearchParams from a route. */
export type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams;

export interface ParsedFilters {
  filters: DashboardFilters;
  /** Parameters present but invalid (dropped): the page says so instead of failing. */
  invalid: FieldName[];
}

/** Lenient parse for pages: each parameter on its own, an empty or invalid one is left out. */
export function parseDashboardFilters(input: SearchParamsInput): ParsedFilters {
  const filters: Record<string, unknown> = {};
  const invalid: FieldName[] = [];
  for (const name of FILTER_NAMES) {
    const raw = readParam(input, name);
    if (raw === undefined || raw.trim() === "") continue;
    const parsed = DASHBOARD_FILTER_FIELDS[name].safeParse(raw);
    if (parsed.success) filters[name] = parsed.data;
    else invalid.push(name);
  }
  return { filters: filters as DashboardFilters, invalid };
}

function readParam(input: SearchParamsInput, name: string): string | undefined {
  if (input instanceof URLSearchParams) return input.get(name) ?? undefined;
  const value = input[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The query string of a view with some filters changed (null removes one), in a stable order: links
 * between views carry the filters along. Page is dropped unless set explicitly — a new filter starts at 1.
 */
export function buildFilterQuery(
  filters: DashboardFilters,
  changes: Partial<Record<FieldName, unknown>> = {},
) {
  const merged: Record<string, unknown> = { ...filters, page: undefined, ...changes };
  const params = new URLSearchParams();
  for (const name of FILTER_NAMES) {
    const value = merged[name];
    if (value === undefined || value === null) continue;
    params.set(name, Array.isArray(value) ? value.join(",") : String(value));
  }
  const query = params.toString();
  return query ? `?${query}` : "";
}
