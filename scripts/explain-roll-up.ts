// `npx tsx scripts/explain-roll-up.ts [--reports 1000000]` — the plan of 汇总核对's statement for city 5101 on
// the bench's data set (run `npm run bench:dashboard -- --reports N` first), as docs/performance.md shows it.
import path from "node:path";
import pg from "pg";
import { closeClient, createClient } from "@/lib/db/create-client";
import { findFreePort } from "@/lib/db/find-free-port";
import { Prisma } from "@/lib/generated/prisma/client";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { getRegionTrail } from "@/lib/queries/get-region-trail";
import { getRollUpChecks } from "@/lib/queries/get-roll-up-checks";

async function main() {
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
    const db = new Proxy(real, {
      get(target, key, receiver) {
        if (key !== "$queryRaw") return Reflect.get(target, key, receiver);
        return (strings: TemplateStringsArray, ...values: unknown[]) => {
          captured.push(Prisma.sql(strings, ...values));
          return target.$queryRaw(strings, ...values);
        };
      },
    });
    const at = process.argv.indexOf("--region");
    const city = (await getRegionTrail(real, at >= 0 ? process.argv[at + 1]! : "5101"))!;
    for (let i = 0; i < 3; i++) await getRollUpChecks({ db: real, year: 2025, regionPath: city.path });
    await getRollUpChecks({ db, year: 2025, regionPath: city.path });
    for (const query of captured) {
      const plan = await client.query(`EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, query.values);
      console.log(`\n### getRollUpChecks ${city.path}\n`);
      for (const row of plan.rows) console.log(row["QUERY PLAN"]);
    }
  } finally {
    await client.end();
    await closeClient(real);
    await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
