// 排名 at national scale reads each page without a window over every agency (a bounded sort or the value
// index for value sorts; the kept changes' index for change sorts, nationally — ReportMetricChanges, kept by
// the bulk path's refresh here; for name sorts the page first; then the ranks from one counting pass): every sort,
// page and scope equals the plain query — RANK() over all rows in scope, last year's value, the page cut
// after sorting everything — written here without the query function's code, over synthetic national data
// stored through the bulk path (ties, missing values and rates below the minimum n included).
import { afterAll, beforeAll, expect, test } from "vitest";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import { getMetric, type MetricId } from "@/lib/metrics/metric-dictionary";
import { getAgencyRanking } from "@/lib/queries/get-agency-ranking";
import { SORT_KEYS } from "@/lib/queries/filters";
import type { ReportScope } from "@/lib/queries/report-scope";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
const YEAR = 2023;
// The default minimum n (the rate indexes hold its rows), a larger one (the index still serves, with a filter)
// and a smaller one (the index does not hold every ranked row: the year's rows are read).
const MIN_NS = [10, 25, 4];
const PAGE_SIZE = 9;

beforeAll(async () => {
  t = await createTestDatabase();
  await storeInBulk(t.db, [
    ...generateSyntheticDocuments({ reports: 600, years: { from: 2022, to: 2023 }, seed: 11 }),
  ]);
}, 240_000);
afterAll(() => t?.drop());

// The metric's value and n for alias a, as spec/metrics.md defines them (a rate below n ≥ MIN_N is none).
const VALUE: Partial<Record<MetricId, (a: string, minN: number) => string>> = {
  disclosure_rate: (a, minN) =>
    `CASE WHEN ${a}."disclosureRateNum" IS NOT NULL AND ${a}."disclosureRateDen" > 0 AND ${a}."disclosureRateDen" >= ${minN}
          THEN (100 * ${a}."disclosureRateNum") / ${a}."disclosureRateDen" END`,
  penalties: (a) => `${a}."penalties"`,
};
const ORDER: Record<(typeof SORT_KEYS)[number], string> = {
  value_desc: `"value" DESC NULLS LAST, "agencyId"`,
  value_asc: `"value" ASC NULLS LAST, "agencyId"`,
  change_desc: `("value" - "previousValue") DESC NULLS LAST, "agencyId"`,
  change_asc: `("value" - "previousValue") ASC NULLS LAST, "agencyId"`,
  name: `"name", "agencyId"`,
};

async function plainRanking(options: {
  scope: ReportScope;
  metricId: MetricId;
  sort: keyof typeof ORDER;
  page: number;
  minN: number;
}) {
  const value = (a: string) => VALUE[options.metricId]!(a, options.minN);
  const region = options.scope.regionPath ? `AND m."regionPath" LIKE '${options.scope.regionPath}%'` : "";
  const kinds = options.scope.kinds
    ? `AND m."agencyKind" IN (${options.scope.kinds.map((k) => `'${k}'`).join(", ")})`
    : "";
  const rows = await t.db.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT * FROM (
       SELECT m."agencyId", a."name", ${value("m")} AS "value", ${value("p")} AS "previousValue",
              CASE WHEN ${value("m")} IS NOT NULL THEN rank() OVER (ORDER BY ${value("m")} DESC NULLS LAST) END::int AS "rank"
         FROM "ReportMetrics" m JOIN "Agency" a ON a."id" = m."agencyId"
         LEFT JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
        WHERE m."year" = ${YEAR} ${region} ${kinds}) x
      ORDER BY ${ORDER[options.sort]} LIMIT ${PAGE_SIZE} OFFSET ${(options.page - 1) * PAGE_SIZE}`,
  );
  const [counts] = await t.db.$queryRawUnsafe<{ total: number; ranked: number }[]>(
    `SELECT count(*)::int AS total, count(${value("m")})::int AS ranked FROM "ReportMetrics" m
      WHERE m."year" = ${YEAR} ${region} ${kinds}`,
  );
  return { rows, ...counts! };
}

test("every sort, page and scope equals RANK() over the whole scope", async () => {
  const [province] = await t.db.$queryRawUnsafe<{ path: string }[]>(
    `SELECT substring(m."regionPath" from '^\\d+/') AS path FROM "ReportMetrics" m WHERE m."year" = ${YEAR}
      GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`,
  );
  const scopes: ReportScope[] = [
    { regionPath: null, kinds: null },
    { regionPath: province!.path, kinds: null },
    { regionPath: null, kinds: ["部门"] },
  ];
  let ties = 0;
  let acrossUnranked = 0;
  for (const scope of scopes) {
    for (const metricId of ["disclosure_rate", "penalties"] as const) {
      for (const minN of metricId === "penalties" ? [MIN_NS[0]!] : MIN_NS) {
        const { ranked } = await plainRanking({ scope, metricId, sort: "value_desc", page: 1, minN });
        // The page where the ranked rows end and the unranked ones begin, and the one after it.
        const lastRanked = Math.max(1, Math.ceil(ranked / PAGE_SIZE));
        if (ranked % PAGE_SIZE !== 0) acrossUnranked++;
        for (const sort of SORT_KEYS) {
          for (const page of new Set([1, 2, 5, 40, lastRanked, lastRanked + 1])) {
            const expected = await plainRanking({ scope, metricId, sort, page, minN });
            const actual = await getAgencyRanking({
              db: t.db,
              year: YEAR,
              scope,
              metric: getMetric(metricId),
              minN,
              page,
              pageSize: PAGE_SIZE,
              sort,
            });
            const where = { scope, metricId, minN, sort, page };
            expect({ ...where, total: actual.total, ranked: actual.ranked }).toEqual({
              ...where,
              total: expected.total,
              ranked: expected.ranked,
            });
            const shown = actual.rows.map((row) => ({
              agencyId: row.entity.type === "agency" ? row.entity.id : null,
              name: row.label,
              value: row.value,
              previousValue: row.previousValue,
              rank: row.rank,
            }));
            expect({ ...where, shown }).toEqual({ ...where, shown: expected.rows });
            ties += new Set(shown.map((row) => row.rank)).size < shown.length ? 1 : 0;
          }
        }
      }
    }
  }
  // Pages where several rows share a rank were among those compared, and pages that run from the ranked
  // rows into the unranked ones (the index serves the first, the year's rows the second).
  expect(ties).toBeGreaterThan(5);
  expect(acrossUnranked).toBeGreaterThan(3);
});
