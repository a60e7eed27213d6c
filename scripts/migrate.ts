// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded server under ./.data
// (started for the occasion and stopped again). `npm start` does this by itself; this is for deployments
// against an external PostgreSQL and for checking a new migration.
import { ensureDatabase } from "@/lib/db/ensure-database";
import { listMigrationFiles } from "@/lib/db/apply-migrations";

async function main(): Promise<void> {
  const database = await ensureDatabase({ log: () => {} });
  try {
    const migrations = await listMigrationFiles();
    console.log(
      `Database is up to date (${migrations.length} migrations): ${migrations.map((m) => m.name).join(", ")}`,
    );
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
