// npm run db:migrate — applies pending migrations to DATABASE_URL, or to the embedded server under ./.data
// (the running app's, or one started for the occasion and stopped again). `npm start` does this by itself; this is for deployments
// against an external PostgreSQL and for checking a new migration.
import { openDatabase } from "@/lib/db/open-database";
import { listMigrationFiles } from "@/lib/db/apply-migrations";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";

async function main(): Promise<number> {
  const database = await openDatabase();
  try {
    const migrations = await listMigrationFiles();
    console.log(`数据库已是最新（${migrations.length} 个迁移）：${migrations.map((m) => m.name).join(", ")}`);
    return EXIT_OK;
  } finally {
    await database.stop();
  }
}

runCli(main, { failure: "迁移失败" });
