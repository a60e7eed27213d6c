// Child process standing in for a running `npm start`: brings up the app's embedded database in the given
// data directory (ensureDatabase, as scripts/start.ts does), prints READY and stays up until SIGTERM.
// Run: node --import tsx tests/helpers/app-database-child.ts <dataDir> <port>
import { ensureDatabase } from "@/lib/db/ensure-database";

async function main(): Promise<void> {
  const [dataDir, port] = process.argv.slice(2);
  if (!dataDir || !port) throw new Error("usage: app-database-child.ts <dataDir> <port>");
  const database = await ensureDatabase({ dataDir, env: { PG_PORT: port }, log: () => undefined });
  process.on("SIGTERM", () => void database.stop().then(() => process.exit(0)));
  process.stdout.write("READY\n");
  setInterval(() => {}, 60_000);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
