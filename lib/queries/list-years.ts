// The statistics years that have at least one current report, newest first (the default year of every
// view is the first). A loose index scan over ReportMetrics(year, …): one index probe per year, not a
// scan of a million rows.
import type { PrismaClient } from "@/lib/generated/prisma/client";

export async function listYears(db: PrismaClient): Promise<number[]> {
  const rows = await db.$queryRaw<{ year: number }[]>`
    WITH RECURSIVE y AS (
      SELECT max("year") AS year FROM "ReportMetrics"
      UNION ALL
      SELECT (SELECT max("year") FROM "ReportMetrics" WHERE "year" < y.year) FROM y WHERE y.year IS NOT NULL
    )
    SELECT year FROM y WHERE year IS NOT NULL`;
  return rows.map((row) => row.year);
}
