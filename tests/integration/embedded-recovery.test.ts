// The app's embedded server survives its process being killed: a SIGKILL leaves the postmaster running
// (orphaned) with its pid file; the next start stops it and comes back with the data.
import { type ChildProcess, type ChildProcessByStdio, spawn } from "node:child_process";
import type { Readable } from "node:stream";
import { randomBytes } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { afterAll, expect, test } from "vitest";
import { findFreePort } from "@/lib/db/find-free-port";
import { isProcessAlive } from "@/lib/db/is-process-alive";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { DatabaseInUseError, stopStaleServer } from "@/lib/db/stop-stale-server";

const dirs: string[] = [];
afterAll(async () => {
  // A failed assertion may leave the orphan running: stop it before removing its directory.
  for (const dir of dirs) await stopStaleServer(dir);
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});

function newDataDir(): string {
  const dir = path.join(process.cwd(), ".test-data", `recovery-${randomBytes(4).toString("hex")}`);
  dirs.push(dir);
  return dir;
}

test("a server left by a SIGKILLed process is stopped and the data is still there", async () => {
  const dataDir = newDataDir();
  const port = await findFreePort();
  const child = startServerInChild(dataDir, port);
  await waitForLine(child.stdout, "READY");
  await killHard(child);

  const orphan = await readPostmasterPid(dataDir);
  expect(isProcessAlive(orphan), "the postmaster outlives its killed parent").toBe(true);

  const server = await startEmbeddedPostgres({ dataDir, port, persistent: true });
  try {
    expect(isProcessAlive(orphan)).toBe(false);
    const client = new pg.Client({ connectionString: server.adminUrl });
    await client.connect();
    const { rows } = await client.query(`SELECT "note" FROM "Survivor"`);
    await client.end();
    expect(rows).toEqual([{ note: "written before SIGKILL" }]);
  } finally {
    await server.stop();
  }
});

test("a server whose starting process is alive is not stale: a second start is refused and it keeps running", async () => {
  const dataDir = newDataDir();
  const port = await findFreePort();
  const child = startServerInChild(dataDir, port);
  try {
    await waitForLine(child.stdout, "READY");
    const postmaster = await readPostmasterPid(dataDir);
    const secondPort = await findFreePort();
    await expect(
      startEmbeddedPostgres({ dataDir, port: secondPort, persistent: true }),
    ).rejects.toBeInstanceOf(DatabaseInUseError);
    expect(isProcessAlive(postmaster), "the running app's database was left alone").toBe(true);
  } finally {
    // Leaves an orphan, which afterAll's stopStaleServer recovers.
    await killHard(child);
  }
});

test("a pid file whose process is gone does not block the start", async () => {
  const dataDir = newDataDir();
  const port = await findFreePort();
  const first = await startEmbeddedPostgres({ dataDir, port, persistent: true, fast: true });
  await first.stop();
  // A pid that is certainly not running: a child that has already exited.
  const gone = spawn(process.execPath, ["-e", ""]);
  await new Promise((resolve) => gone.once("exit", resolve));
  await writeFile(path.join(dataDir, "postmaster.pid"), `${gone.pid}\n${dataDir}\n`);
  const second = await startEmbeddedPostgres({ dataDir, port, persistent: true, fast: true });
  await second.stop();
});

/** A Node process that starts the embedded server in dataDir, writes a row and prints READY. */
function startServerInChild(dataDir: string, port: number): ChildProcessByStdio<null, Readable, Readable> {
  return spawn(
    process.execPath,
    ["--import", "tsx", "tests/helpers/embedded-child.ts", dataDir, String(port)],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
}

async function killHard(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
}

async function readPostmasterPid(dataDir: string): Promise<number> {
  const text = await readFile(path.join(dataDir, "postmaster.pid"), "utf8");
  return Number(text.split("\n")[0]);
}

function waitForLine(stream: NodeJS.ReadableStream, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    stream.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      if (buffer.split("\n").includes(line)) resolve();
    });
    stream.on("end", () => reject(new Error(`child ended before ${line}: ${buffer}`)));
  });
}
