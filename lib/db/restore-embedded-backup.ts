// Turns a backup made by backupEmbeddedDatabase into a data directory again (`npm run db:restore`): only into
// a folder that holds no cluster (the live one is never overwritten), with the credentials file and auth
// secret put back beside it, owned by the `postgres` system user when we are root. The first start replays
// the WAL from backup_label to a consistent state; `npm run db:restore` makes that start at once (and stops
// again), so a broken backup is found then rather than at the next `npm start`.
import { spawnSync } from "node:child_process";
import { chmod, copyFile, mkdir, readFile, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { BACKUP_MANIFEST, type BackupManifest } from "@/lib/db/backup-embedded-database";
import { credentialsFileFor } from "@/lib/db/embedded-credentials";

export class RestoreError extends Error {
  readonly code = "RESTORE_REFUSED";
}

export async function restoreEmbeddedBackup(options: {
  backup: string;
  /** Where the cluster goes (./.data/pg); must not hold one already. */
  dataDir: string;
}): Promise<BackupManifest> {
  const manifestText = await readFile(path.join(options.backup, BACKUP_MANIFEST), "utf8").catch(() => null);
  if (!manifestText)
    throw new RestoreError(
      `${options.backup} 不是 npm run db:backup 生成的备份（缺少 ${BACKUP_MANIFEST}）。`,
    );
  const manifest = JSON.parse(manifestText) as BackupManifest;
  const dataDir = path.resolve(options.dataDir);
  const existing = await readdir(dataDir).catch(() => null);
  if (existing && existing.length > 0)
    throw new RestoreError(
      `目标目录 ${dataDir} 不是空的：恢复不会覆盖现有数据库。请先停止 npm start 并把该目录移走（例如 mv .data .data.old），再恢复。`,
    );
  const credentials = credentialsFileFor(dataDir);
  const secret = path.join(path.dirname(dataDir), "auth-secret");
  // The parent keeps the default mode: run as root, the postgres user must pass through it.
  await mkdir(path.dirname(dataDir), { recursive: true });
  try {
    await copyTree(path.join(options.backup, "pg"), dataDir);
    await chmod(dataDir, 0o700);
    await copyFile(path.join(options.backup, path.basename(credentialsFileFor("pg"))), credentials);
    await chmod(credentials, 0o600);
    const backupSecret = path.join(options.backup, "auth-secret");
    if (await readFile(backupSecret).catch(() => null)) {
      await copyFile(backupSecret, secret);
      await chmod(secret, 0o600);
    }
    if (process.getuid?.() === 0) giveToPostgresUser(dataDir);
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  return manifest;
}

async function copyTree(from: string, to: string): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  for (const entry of await readdir(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const destination = path.join(to, entry.name);
    if (entry.isDirectory()) await copyTree(source, destination);
    else if (entry.isFile()) {
      await copyFile(source, destination);
      await chmod(destination, 0o600);
    }
  }
}

/** Run as root, PostgreSQL runs as `postgres` (start-embedded-postgres.ts): the restored files must be its. */
function giveToPostgresUser(dataDir: string): void {
  const chown = spawnSync("chown", ["-R", "postgres:postgres", dataDir], { encoding: "utf8" });
  if (chown.status !== 0)
    throw new RestoreError(`无法把 ${dataDir} 交给 postgres 用户：${chown.stderr.trim()}`);
}
