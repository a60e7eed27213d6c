// Child process for the SIGKILL recovery test: starts the embedded server in the given directory, writes a
// row, prints READY and waits to be killed. Run: node --import tsx tests/helpers/embedded-child.ts <dir> <port>
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error("usage: embedded-child.ts <dataDir> <port>");
  const server = await startEmbeddedPostgres({ dataDir, port: Number(port), persistent: true });
  const client = new pg.Client({ connectionString: server.adminUrl });
  await client.connect();
  await client.query(`CREATE TABLE "Survivor" ("note" TEXT NOT NULL)`);
  await client.query(`INSERT INTO "Survivor" VALUES ('written before SIGKILL')`);
  await client.end();
  process.stdout.write("READY\n");
  setInterval(() => {}, 60_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
