// The query parameters of the read-only JSON API: the dashboard's filter schema (lib/queries/filters.ts),
// the pieces each list understands, plus cursor pagination — `cursor` is the `nextCursor` of the previous
// page (opaque: base64url of the last key), `limit` the page size.
//   GET /api/reports?year=2023&region=500107&cells=t3.new&limit=50&cursor=MTIz
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { EXPORT_SELECTION_FIELDS } from "@/lib/export/export-query";
import { dashboardFiltersSchema } from "@/lib/queries/filters";

const cursorSchema = z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, "cursor 无效");
const limitSchema = (max: number, fallback: number) =>
  z.coerce.number().int().min(1).max(max).default(fallback);

const SELECTION = { year: true, years: true, region: true, kind: true, agencies: true, q: true } as const;

export const agencyListQuerySchema = dashboardFiltersSchema
  .pick(SELECTION)
  .extend({ cursor: cursorSchema.optional(), limit: limitSchema(1000, 100) });

export const regionListQuerySchema = dashboardFiltersSchema
  .pick({ region: true })
  .extend({ cursor: cursorSchema.optional(), limit: limitSchema(1000, 200) });

export const reportListQuerySchema = dashboardFiltersSchema.pick(SELECTION).extend({
  cells: EXPORT_SELECTION_FIELDS.cells,
  cursor: cursorSchema.optional(),
  limit: limitSchema(200, 20),
});

export const metricListQuerySchema = dashboardFiltersSchema.pick(SELECTION).extend({
  metrics: EXPORT_SELECTION_FIELDS.metrics,
  cursor: cursorSchema.optional(),
  limit: limitSchema(1000, 100),
});

export function encodeCursor(key: number | string): string {
  return Buffer.from(String(key), "utf8").toString("base64url");
}

/** The key a cursor stands for, checked against `pattern`; a cursor that was not ours is INVALID_CURSOR. */
export function decodeCursor(cursor: string | undefined, pattern: RegExp): string | null {
  if (cursor === undefined) return null;
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!pattern.test(key)) throw new AppError("INVALID_CURSOR");
  return key;
}

export function decodeIdCursor(cursor: string | undefined): number {
  const key = decodeCursor(cursor, /^\d{1,10}$/);
  const id = key === null ? 0 : Number(key);
  if (id > 2_147_483_647) throw new AppError("INVALID_CURSOR");
  return id;
}

/** A page of a list: `nextCursor` null on the last page. */
export interface ApiPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** Cuts the one extra row a query fetched (limit + 1) into the page and its next cursor. */
export function toPage<T>(rows: T[], limit: number, keyOf: (row: T) => number | string): ApiPage<T> {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
