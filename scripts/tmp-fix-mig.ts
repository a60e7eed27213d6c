import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
async function main() {
  const dir = path.join(process.cwd(), ".test-data", process.argv[2]!);
  const server = await startEmbeddedPostgres({ dataDir: dir, port: await findFreePort(), persistent: true, fast: true });
  try {
    const c = new pg.Client({ connectionString: server.urlFor("scale") });
    await c.connect();
    const file = readFileSync("prisma/migrations/20261205000000_region_summaries/migration.sql");
    const sum = createHash("sha256").update(file).digest("hex");
    await c.query(`ALTER TABLE "RegionYearCoverage" ADD COLUMN IF NOT EXISTS "townsFiled" INTEGER NOT NULL DEFAULT 0`);
    await c.query(`ALTER TABLE "RegionYearCoverage" ALTER COLUMN "townsFiled" DROP DEFAULT`);
    await c.query(`TRUNCATE "RegionYearMetrics", "RegionYearCoverage"`);
    await c.query(`UPDATE _prisma_migrations SET checksum = $1 WHERE migration_name = '20261205000000_region_summaries'`, [sum]);
    console.log("fixed", sum);
    await c.end();
  } finally { await server.stop(); }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
