// The embedded server already running on a data directory — the app's own, while `npm start` runs — read
// from its postmaster.pid (line 1: the pid, line 4: the port it listens on), so a command-line tool can
// join it on whatever PG_PORT it was started with instead of trying to start a second one.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { isProcessAlive } from "@/lib/db/is-process-alive";

export async function findRunningServer(dataDir: string): Promise<{ pid: number; port: number } | null> {
  const text = await readFile(path.join(dataDir, "postmaster.pid"), "utf8").catch(() => null);
  if (!text) return null;
  const lines = text.split("\n");
  const pid = Number.parseInt(lines[0] ?? "", 10);
  const port = Number.parseInt(lines[3] ?? "", 10);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return null;
  return isProcessAlive(pid) ? { pid, port } : null;
}
