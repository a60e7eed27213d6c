// `npm run db:restore -- <backup folder> [--data-dir <folder>]` — a backup made by `npm run db:backup` back
// into a data directory (default ./.data/pg, which must not hold a database: stop `npm start` and move the
// old ./.data away first). The restored database is started once, so the WAL is replayed and the copy
// checked now, then stopped; `npm start` serves it afterwards. Exit 0 on success, 1 on failure, 2 on usage.
import { parseArgs } from "node:util";
import pg from "pg";
import { EMBEDDED_DATABASE_NAME, appDataDir } from "@/lib/db/database-url";
import { findFreePort } from "@/lib/db/find-free-port";
import { restoreEmbeddedBackup } from "@/lib/db/restore-embedded-backup";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

const USAGE = "用法: npm run db:restore -- <备份目录> [--data-dir <数据目录，默认 ./.data/pg>]";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: { "data-dir": { type: "string" }, help: { type: "boolean" } },
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    console.log(USAGE);
    return 0;
  }
  const [backup, ...rest] = parsed.positionals;
  if (!backup || rest.length > 0) {
    console.error(USAGE);
    return 2;
  }
  const dataDir = parsed.values["data-dir"] ?? appDataDir();
  const manifest = await restoreEmbeddedBackup({ backup, dataDir });
  const server = await startEmbeddedPostgres({ dataDir, port: await findFreePort(), persistent: true });
  try {
    const client = new pg.Client({ connectionString: server.appUrlFor(EMBEDDED_DATABASE_NAME) });
    await client.connect();
    const { rows } = await client.query<{ documents: string; reports: string }>(
      `SELECT (SELECT count(*) FROM "Document")::text AS documents, (SELECT count(*) FROM "Report")::text AS reports`,
    );
    await client.end();
    console.log(
      `已恢复到 ${dataDir}（备份时间 ${manifest.takenAt}）：${rows[0]!.documents} 个文件，${rows[0]!.reports} 份报告。` +
        "现在可以运行 npm start。",
    );
    return 0;
  } finally {
    await server.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`恢复失败: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
