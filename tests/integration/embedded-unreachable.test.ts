// Run as root with the project in a folder the `postgres` system user cannot enter (like /root, mode 700):
// the embedded database refuses at once with a message naming the folder and the fixes — no initdb stack —
// and writes nothing. Not root: PostgreSQL runs as this user, which can enter its own folders; nothing to test.
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { chmod } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findBlockedFolder } from "@/lib/db/check-data-dir-reachable";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";

const isRoot = process.getuid?.() === 0;
let closed: string;
let open: string;

beforeAll(async () => {
  closed = await mkdtemp(path.join(tmpdir(), "nianbao-closed-"));
  await chmod(closed, 0o700);
  open = await mkdtemp(path.join(tmpdir(), "nianbao-open-"));
  await chmod(open, 0o755);
});
afterAll(async () => {
  await rm(closed, { recursive: true, force: true });
  await rm(open, { recursive: true, force: true });
});

describe.skipIf(!isRoot)("embedded database under a folder closed to the postgres user (run as root)", () => {
  test("names the folder that blocks it", () => {
    expect(findBlockedFolder(path.join(closed, "project", ".data", "pg"))).toBe(closed);
    expect(findBlockedFolder(path.join(open, "project", ".data", "pg"))).toBeNull();
  });

  test("start refuses with a Chinese and English message naming the fixes, and writes nothing", async () => {
    const dataDir = path.join(closed, "project", ".data", "pg");
    const failure = await startEmbeddedPostgres({ dataDir, port: 1, persistent: false }).catch(
      (error: unknown) => error as Error & { code?: string },
    );
    expect(failure).toBeInstanceOf(Error);
    expect(failure).toMatchObject({ code: "DATA_DIR_UNREACHABLE" });
    const message = (failure as Error).message;
    expect(message).toContain(closed);
    expect(message).toContain("以普通用户身份运行 npm start");
    expect(message).toContain("DATABASE_URL");
    expect(message).toContain("run npm start as a normal user");
    expect(message).not.toMatch(/\n\s+at /);
    expect(await readdir(closed)).toEqual([]);
  });
});
