// The shared pool keeps an idle connection past pg.Pool's default of 10 s (lib/db/create-client.ts): the
// next query after a pause runs on the same PostgreSQL backend, with its compiled functions and plans,
// instead of a new one.
import { afterAll, beforeAll, expect, test } from "vitest";
import { getPool } from "@/lib/db/create-client";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.drop();
});

const backendPid = async () =>
  (await getPool(t.db).query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;

test("a connection idle for longer than pg.Pool's default 10 s is still open, on the same backend", async () => {
  const pool = getPool(t.db);
  const before = await backendPid();
  expect(pool.idleCount).toBe(1);
  await new Promise((resolve) => setTimeout(resolve, 11_000));
  expect(pool.totalCount).toBe(1);
  expect(await backendPid()).toBe(before);
}, 30_000);
