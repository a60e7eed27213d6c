// Where a row of the shared MetricRow shape links to: an agency's page, or a region's 地区 page with the
// view's year carried along.
import type { MetricRowEntity } from "@/lib/queries/metric-row";

export function agencyHref(id: number): string {
  return `/agencies/${id}`;
}

export function regionHref(code: string | null, year?: number | null): string {
  const params = new URLSearchParams();
  if (code) params.set("region", code);
  if (year) params.set("year", String(year));
  const query = params.toString();
  return query ? `/regions?${query}` : "/regions";
}

export function entityHref(entity: MetricRowEntity, year?: number | null): string {
  return entity.type === "agency" ? agencyHref(entity.id) : regionHref(entity.code, year);
}
