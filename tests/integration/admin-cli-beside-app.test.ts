// `npm run admin` while the app runs with its embedded database (issue 18, item 10): the command joins the
// running server — on whatever PG_PORT the app was started with, as the app's role — instead of trying to
// start a second server on the same data directory (DATABASE_IN_USE).
import { type ChildProcessByStdio, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, rm, symlink } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createClient } from "@/lib/db/create-client";
import { buildLocalUrl } from "@/lib/db/database-url";
import { credentialsFileFor, readCredentials } from "@/lib/db/embedded-credentials";
import { findFreePort } from "@/lib/db/find-free-port";
import { stopStaleServer } from "@/lib/db/stop-stale-server";

const ROOT = process.cwd();
const TSX = import.meta.resolve("tsx");
// A checkout of its own: the CLI reads ./.data from where it is run.
const PROJECT = path.join(ROOT, ".test-data", `cli-${randomBytes(4).toString("hex")}`);
const DATA_DIR = path.join(PROJECT, ".data", "pg");

let app: ChildProcessByStdio<null, Readable, Readable>;
let port: number;

beforeAll(async () => {
  await mkdir(PROJECT, { recursive: true });
  await symlink(path.join(ROOT, "prisma"), path.join(PROJECT, "prisma"));
  port = await findFreePort();
  app = spawn(
    process.execPath,
    ["--import", TSX, "tests/helpers/app-database-child.ts", DATA_DIR, String(port)],
    {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  await waitForLine(app.stdout, "READY");
}, 120_000);

afterAll(async () => {
  if (app && app.exitCode === null) {
    const exited = new Promise((resolve) => app.once("exit", resolve));
    app.kill("SIGTERM");
    await exited;
  }
  await stopStaleServer(DATA_DIR).catch(() => undefined);
  await rm(PROJECT, { recursive: true, force: true });
});

/** `npm run admin -- <args>` run from the project directory, with neither PG_PORT nor DATABASE_URL set. */
function admin(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = { ...process.env, TSX_TSCONFIG_PATH: path.join(ROOT, "tsconfig.json") };
  delete env.PG_PORT;
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", TSX, path.join(ROOT, "scripts", "admin.ts"), ...args], {
    cwd: PROJECT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

test("adds, lists and changes users in the running app's database, on the port the app chose", async () => {
  const added = await admin(
    "user:add",
    "cli@example.gov.cn",
    "--role",
    "admin",
    "--password",
    "long enough pw",
  );
  expect(added, added.stderr).toMatchObject({ code: 0 });
  expect(added.stdout).toContain("已创建用户 cli@example.gov.cn");

  const listed = await admin("user:list");
  expect(listed.code).toBe(0);
  expect(listed.stdout).toContain("cli@example.gov.cn\tadmin");

  // The row is in the app's database, which the app reaches as its own role.
  const credentials = readCredentials(credentialsFileFor(DATA_DIR))!;
  const db = createClient(buildLocalUrl({ port, database: "nianbao", ...credentials.app }));
  try {
    expect(await db.user.findUnique({ where: { email: "cli@example.gov.cn" } })).toMatchObject({
      role: "admin",
    });
  } finally {
    await db.$disconnect();
  }
}, 120_000);

test("a refused change says why in one line, without a stack, and exits 1", async () => {
  const demoted = await admin("user:role", "cli@example.gov.cn", "analyst");
  expect(demoted.code, demoted.stdout + demoted.stderr).toBe(1);
  expect(demoted.stderr.trim()).toBe("错误：至少要保留一位在用的管理员");
  const promoted = await admin("user:role", "cli@example.gov.cn", "admin");
  expect(promoted.code).toBe(0);
}, 120_000);

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
