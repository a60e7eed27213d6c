// `npx tsx scripts/explain-dashboard.ts [--reports 1000000] [--only <regular expression>]` — the plans
// behind docs/performance.md: runs each page's query functions once against the bench:dashboard data set of
// that size (made by `npm run bench:dashboard -- --reports N` first), captures every SQL statement they
// send, and prints EXPLAIN (ANALYZE, BUFFERS) of each, labelled with the page and function (`--only '排名'`:
// the labels that match).
import path from "node:path";
import pg from "pg";
import { closeClient, createClient } from "@/lib/db/create-client";
import { findFreePort } from "@/lib/db/find-free-port";
import { Prisma } from "@/lib/generated/prisma/client";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { getMetric } from "@/lib/metrics/metric-dictionary";
import { countFindingsByCode } from "@/lib/queries/count-findings-by-code";
import { countReports } from "@/lib/queries/count-reports";
import { getAgencyRanking } from "@/lib/queries/get-agency-ranking";
import { getOverviewSummary } from "@/lib/queries/get-overview-summary";
import { getRegionBreakdown } from "@/lib/queries/get-region-breakdown";
import { getRegionTrail } from "@/lib/queries/get-region-trail";
import { getReviewQueue } from "@/lib/queries/get-review-queue";
import { getYearlyTrend } from "@/lib/queries/get-yearly-trend";
import { listCoverageGaps } from "@/lib/queries/list-coverage-gaps";
import { getRollUpChecks } from "@/lib/queries/get-roll-up-checks";
import { listOpenFindings } from "@/lib/queries/list-open-findings";
import { listReports } from "@/lib/queries/list-reports";

async function main(): Promise<void> {
  const index = process.argv.indexOf("--reports");
  const reports = index >= 0 ? Number(process.argv[index + 1]) : 1_000_000;
  const dataDir = path.join(process.cwd(), ".test-data", `bench-dashboard-${reports}`);
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await findFreePort(),
    persistent: true,
    fast: true,
  });
  const url = server.urlFor("scale");
  const real = createClient(url);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const captured: Prisma.Sql[] = [];
    // The query functions take the client as `db`; this one records each $queryRaw before running it.
    const db = new Proxy(real, {
      get(target, key, receiver) {
        if (key !== "$queryRaw") return Reflect.get(target, key, receiver);
        return (strings: TemplateStringsArray, ...values: unknown[]) => {
          captured.push(Prisma.sql(strings, ...values));
          return target.$queryRaw(strings, ...values);
        };
      },
    });
    const onlyIndex = process.argv.indexOf("--only");
    const only = onlyIndex >= 0 ? new RegExp(process.argv[onlyIndex + 1]!) : null;
    const explain = async (label: string, run: () => Promise<unknown>) => {
      if (only && !only.test(label)) return;
      captured.length = 0;
      await run();
      for (const query of [...captured]) {
        const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, query.values);
        console.log(`\n### ${label}\n${query.text.replace(/\s+/g, " ").slice(0, 240)}…`);
        for (const row of plan.rows) console.log(row["QUERY PLAN"]);
      }
    };
    const year = 2025;
    const minN = 10;
    const all = { regionPath: null, kinds: null };
    const province = (await getRegionTrail(real, "51"))!;
    const county = (await getRegionTrail(real, "500107"))!;
    await explain("总览 national: getOverviewSummary", () =>
      getOverviewSummary({ db, year, scope: all, minN }),
    );
    await explain("总览 national: getYearlyTrend", () => getYearlyTrend({ db, scope: all, minN }));
    await explain("总览: listReports (newest 10)", () => listReports(db, { limit: 10 }));
    // countReports runs on the pool (lib/db/sql): its statement is explained as written there.
    if (!only || only.test("总览: countReports")) await explainCountReports(real, client);
    await explain("地区 province 51: getRegionBreakdown", () =>
      getRegionBreakdown({ db, year, region: province }),
    );
    await explain("地区 county 500107: getRegionBreakdown", () =>
      getRegionBreakdown({ db, year, region: county }),
    );
    await explain("排名 national: getAgencyRanking (rate)", () =>
      getAgencyRanking({ db, year, scope: all, metric: getMetric("disclosure_rate"), minN }),
    );
    for (const sort of ["change_desc", "change_asc"] as const) {
      await explain(`排名 national: getAgencyRanking (rate, by change, ${sort})`, () =>
        getAgencyRanking({ db, year, scope: all, metric: getMetric("disclosure_rate"), minN, sort }),
      );
    }
    await explain("数据质量 national: countFindingsByCode", () =>
      countFindingsByCode({ db, year, scope: all }),
    );
    await explain("数据质量 national: listOpenFindings", () => listOpenFindings({ db, year, scope: all }));
    await explain("数据质量 national: getReviewQueue", () => getReviewQueue({ db, year, scope: all }));
    await explain("数据质量 national: listCoverageGaps", () =>
      listCoverageGaps({ db, year, regionPath: null }),
    );
    const city = (await getRegionTrail(real, "5101"))!;
    await explain("数据质量 city 5101: getRollUpChecks", () =>
      getRollUpChecks({ db, year, regionPath: city.path }),
    );
  } finally {
    await client.end();
    await closeClient(real);
    await server.stop();
  }
}

async function explainCountReports(real: ReturnType<typeof createClient>, client: pg.Client): Promise<void> {
  await countReports(real);
  const totals = await client.query(`EXPLAIN (ANALYZE, BUFFERS) SELECT coalesce(sum(s."reports"), 0)::int,
      coalesce(sum(s."firstReports"), 0)::int, coalesce(sum(s."openFindings"), 0)::int
    FROM "RegionYearMetrics" s WHERE s."depth" <= 1`);
  console.log(`\n### 总览: countReports (all years)`);
  for (const row of totals.rows) console.log(row["QUERY PLAN"]);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`explain-dashboard failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
