// 对比: the chosen agencies' metric inputs for the chosen years (all years when none are chosen), in one
// query; the page turns them into the shared MetricRow list for one metric and year, and into series per
// agency over the years.
//   const comparison = await getAgencyComparison({ db, agencyIds: [3, 4], years: null });
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import { METRIC_COLUMNS, readMetricTotals, type MetricTotals } from "@/lib/queries/metric-sql";

export interface ComparedAgency {
  id: number;
  name: string;
  kind: string;
  regionNames: string[];
  /** Its current reports, by year (only the years asked for). */
  years: { year: number; totals: MetricTotals }[];
}

export async function getAgencyComparison(options: {
  db: PrismaClient;
  agencyIds: readonly number[];
  years?: readonly number[] | null;
}): Promise<ComparedAgency[]> {
  const { db, agencyIds } = options;
  if (agencyIds.length === 0) return [];
  const years = options.years && options.years.length > 0 ? [...options.years] : null;
  const [agencies, rows] = await Promise.all([
    db.$queryRaw<{ id: number; name: string; kind: string; regionNames: string[] | null }[]>`
      SELECT a."id", a."name", a."kind",
             (SELECT array_agg(x."name" ORDER BY length(x."path")) FROM "Region" x
               WHERE x."code" = ANY (string_to_array(rtrim(reg."path", '/'), '/'))) AS "regionNames"
        FROM "Agency" a LEFT JOIN "Region" reg ON reg."code" = a."regionCode"
       WHERE a."id" = ANY(${[...agencyIds]}::int[])`,
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT m."agencyId", m."year", ${Prisma.join(
        METRIC_COLUMNS.map((c) => Prisma.raw(`m."${c}"`)),
        ", ",
      )}
        FROM "ReportMetrics" m
       WHERE m."agencyId" = ANY(${[...agencyIds]}::int[])
         AND (${years}::int[] IS NULL OR m."year" = ANY(${years}::int[]))
       ORDER BY m."year"`,
  ]);
  const byId = new Map(agencies.map((agency) => [agency.id, agency]));
  // In the order the URL lists them: the person chose it.
  return agencyIds.flatMap((id) => {
    const agency = byId.get(id);
    if (!agency) return [];
    return [
      {
        id,
        name: agency.name,
        kind: agency.kind,
        regionNames: agency.regionNames ?? [],
        years: rows
          .filter((row) => Number(row.agencyId) === id)
          .map((row) => ({ year: Number(row.year), totals: readMetricTotals(row) })),
      },
    ];
  });
}
