// Which reports an export query selects, in the terms the SQL needs: the years (year and years together),
// the region as its path prefix (an unknown code is refused — the file would silently be empty), the kinds,
// agencies and name search. Also counts them, for the 导出 page's preview.
import { AppError } from "@/lib/api/app-error";
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery } from "@/lib/db/sql";
import type { DashboardFilters } from "@/lib/queries/filters";
import { getRegionTrail, type RegionTrail } from "@/lib/queries/get-region-trail";
import { buildReportCountSql, type ReportSelection } from "./build-export-sql";

type SelectionFilters = Pick<DashboardFilters, "year" | "years" | "region" | "kind" | "agencies" | "q">;

export async function resolveExportSelection(
  db: Db,
  filters: SelectionFilters,
): Promise<{ selection: ReportSelection; region: RegionTrail | null }> {
  const region = filters.region ? await getRegionTrail(db, filters.region) : null;
  if (filters.region && !region) throw new AppError("INVALID_INPUT", "region：没有这个地区代码");
  return {
    region,
    selection: {
      years: [...new Set([...(filters.years ?? []), ...(filters.year ? [filters.year] : [])])],
      scope: { regionPath: region?.path ?? null, kinds: filters.kind ?? null },
      agencyIds: filters.agencies ?? null,
      q: filters.q ?? null,
    },
  };
}

export async function countExportReports(db: Db, selection: ReportSelection): Promise<number> {
  const [row] = await runQuery<{ reports: number }>(getPool(db), buildReportCountSql(selection));
  return row?.reports ?? 0;
}
