import type { RegionNames } from "@/lib/queries/list-reports";

/**
 * "云南省 曲靖市 沾益区" — the region levels that are known, top down. A municipality is both province and
 * city (重庆市 重庆市): print it once.
 */
export function formatRegion(region: RegionNames): string | null {
  const names = [region.province, region.city, region.county, region.town].filter((name): name is string =>
    Boolean(name),
  );
  const distinct = names.filter((name, index) => name !== names[index - 1]);
  return distinct.length > 0 ? distinct.join(" ") : null;
}
