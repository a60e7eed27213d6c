// `npm run db:backup -- [--out <folder>]` — a consistent copy of the embedded database, taken while the app
// runs (or with the database started for the command): lib/db/backup-embedded-database.ts. Default folder:
// ./backups/nianbao-<date-time>. With DATABASE_URL set the database is not ours to copy: use pg_dump
// (docs/deployment.md). Exit status 0 on success, 1 on failure, 2 on a usage error.
import path from "node:path";
import { parseArgs } from "node:util";
import { backupEmbeddedDatabase } from "@/lib/db/backup-embedded-database";
import { appDataDir, buildLocalUrl, readDatabaseEnv } from "@/lib/db/database-url";
import { credentialsFileFor, readCredentials } from "@/lib/db/embedded-credentials";
import { findRunningServer } from "@/lib/db/find-running-server";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

const USAGE = "用法: npm run db:backup -- [--out <备份目录>]";

async function main(): Promise<number> {
  let values: { out?: string; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { out: { type: "string" }, help: { type: "boolean" } } }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (readDatabaseEnv().DATABASE_URL) {
    console.error(
      "已设置 DATABASE_URL：外部数据库请用 pg_dump 备份（见 docs/deployment.md）。db:backup 只备份内置数据库（./.data）。",
    );
    return 1;
  }
  const dataDir = appDataDir();
  const credentials = readCredentials(credentialsFileFor(dataDir));
  if (!credentials) {
    console.error(`没有找到内置数据库（${dataDir}）：请先运行一次 npm start。`);
    return 1;
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, "-").slice(0, 19);
  const out = path.resolve(values.out ?? path.join("backups", `nianbao-${stamp}`));
  const running = await findRunningServer(dataDir);
  // Not running: start it for the copy (a clean copy of a stopped cluster would do too, but one code path).
  const started = running
    ? null
    : await startEmbeddedPostgres({ dataDir, port: Number(process.env.PG_PORT) || 54329, persistent: true });
  const port = running?.port ?? started!.port;
  try {
    const manifest = await backupEmbeddedDatabase({
      dataDir,
      adminUrl: buildLocalUrl({ port, database: "postgres", ...credentials.superuser }),
      out,
      extraFiles: [credentialsFileFor(dataDir), path.join(path.dirname(dataDir), "auth-secret")],
    });
    const megabytes = (manifest.bytes / 1024 / 1024).toFixed(1);
    console.log(
      `备份完成: ${out}（${manifest.files} 个文件，${megabytes} MB，PostgreSQL ${manifest.postgresVersion}，` +
        `WAL ${manifest.startLsn} → ${manifest.stopLsn}）。\n恢复: npm run db:restore -- ${out}`,
    );
    console.log("备份含数据库口令和会话密钥：请像 ./.data 一样妥善保管。");
    return 0;
  } finally {
    await started?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`备份失败: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
