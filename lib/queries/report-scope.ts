// Which current reports a view looks at: a year, a region (by its path prefix, so the text_pattern_ops
// index on ReportMetrics.regionPath applies) and agency kinds (the peer group). One WHERE fragment for all
// views, so the export (issue 14) selects exactly the rows a page shows.
import { Prisma } from "@/lib/generated/prisma/client";
import type { AgencyKind } from "@/lib/reader/types";

export interface ReportScope {
  /** "50/5001/500107/" — the region and everything in it; null = everywhere. */
  regionPath: string | null;
  /** Agency kinds; null or empty = every kind. */
  kinds: readonly AgencyKind[] | null;
}

/** `m."regionPath" LIKE '50/5001/%' AND m."agencyKind" = ANY(…)` (or TRUE), for read-model alias `m`. */
export function scopeWhere(scope: ReportScope, alias = "m"): Prisma.Sql {
  if (!/^[a-z]\w*$/i.test(alias)) throw new Error(`bad alias ${alias}`);
  const parts: Prisma.Sql[] = [];
  if (scope.regionPath) {
    // Paths hold only digits and "/": nothing to escape for LIKE.
    if (!/^(\d+\/)+$/.test(scope.regionPath)) throw new Error(`bad region path ${scope.regionPath}`);
    parts.push(Prisma.sql`${Prisma.raw(`${alias}."regionPath"`)} LIKE ${`${scope.regionPath}%`}`);
  }
  if (scope.kinds && scope.kinds.length > 0) {
    parts.push(Prisma.sql`${Prisma.raw(`${alias}."agencyKind"`)} = ANY(${[...scope.kinds]}::text[])`);
  }
  return parts.length > 0 ? Prisma.join(parts, " AND ") : Prisma.sql`TRUE`;
}
