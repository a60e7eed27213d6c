// temporary: EXPLAIN ANALYZE helper against a bench data dir (not committed)
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
    const text = readFileSync(process.argv[3]!, "utf8");
    for (const stmt of text.split(/;\s*\n/).map((s) => s.trim()).filter(Boolean)) {
      console.log("----\n" + stmt.slice(0, 200));
      const r = await c.query(stmt);
      for (const row of r.rows ?? []) console.log(Object.values(row).join(" | "));
    }
    await c.end();
  } finally {
    await server.stop();
  }
}
main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
