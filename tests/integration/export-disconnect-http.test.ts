// Issue 14 item 4 over HTTP: "a client that disconnects stops the query". The real GET /api/export route,
// served by a child process the way Next serves an app route (tests/helpers/export-route-child.ts), over a
// database with 1,500 synthetic reports stored by the bulk path (~310,000 long rows, far more than socket
// buffers hold). A client with an analyst's Bearer token starts a long CSV (then XLSX) export, reads a
// little, and goes away; within a few seconds PostgreSQL runs no query of the export any more, the audit
// entry says the export stopped early, and the same server still answers — its health check and a whole
// small export.
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiToken } from "@/lib/auth/api-tokens";
import { createUser } from "@/lib/auth/create-user";
import { findFreePort } from "@/lib/db/find-free-port";
import { getPool } from "@/lib/db/create-client";
import { storeInBulk } from "@/lib/ingest/store-in-bulk";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { parseCsv } from "@/tests/helpers/parse-csv";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const REPORTS = 1500;
/** Every export query holds this CTE (lib/export/build-export-sql.ts): how pg_stat_activity shows it. */
const EXPORT_SQL_MARK = "picked AS (";

let t: TestDatabase;
let child: ChildProcess | null = null;
let port = 0;
let token = "";
let longRows = 0;

beforeAll(async () => {
  t = await createTestDatabase();
  let batch: PreparedDocument[] = [];
  for (const document of generateSyntheticDocuments({
    reports: REPORTS,
    years: { from: 2023, to: 2023 },
    seed: 1414,
  })) {
    batch.push(document);
    if (batch.length === 500) {
      await storeInBulk(t.db, batch);
      batch = [];
    }
  }
  if (batch.length > 0) await storeInBulk(t.db, batch);
  const [count] = await t.db.$queryRaw<{ rows: number }[]>`
    SELECT count(*)::int AS "rows" FROM "ReportMetrics" m JOIN "CellValue" v ON v."reportId" = m."reportId"
     WHERE m."year" = 2023`;
  longRows = count!.rows;
  const analyst = await createUser(t.db, {
    email: "export-disconnect@example.gov.cn",
    role: "analyst",
    password: "a long enough password",
    actor: null,
  });
  token = (await createApiToken(t.db, { userId: analyst.id, name: "disconnect test", actor: null })).token;
  port = await findFreePort();
  child = await startChild(t.url, port);
}, 300_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child!.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;
  }
  await t?.drop();
});

async function startChild(databaseUrl: string, httpPort: number): Promise<ChildProcess> {
  const started = spawn(
    process.execPath,
    ["--conditions=react-server", "--import", "tsx", "tests/helpers/export-route-child.ts", String(httpPort)],
    {
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        BETTER_AUTH_SECRET: "export-disconnect-test-secret-of-enough-length",
      },
    },
  );
  await new Promise<void>((resolve, reject) => {
    let output = "";
    started.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.split("\n").includes("READY")) resolve();
    });
    started.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    started.once("exit", (code) =>
      reject(new Error(`export server exited (${code}) before READY:\n${output}`)),
    );
    setTimeout(() => reject(new Error(`export server not READY after 120 s:\n${output}`)), 120_000).unref();
  });
  return started;
}

/** The export's queries still running (or waiting on the client) in the test's database. */
async function exportQueries(): Promise<{ pid: number; state: string; query: string }[]> {
  const { rows } = await getPool(t.db).query<{ pid: number; state: string; query: string }>(
    `SELECT pid, state, left(query, 80) AS query FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid()
        AND state IS DISTINCT FROM 'idle' AND position($1 in query) > 0`,
    [EXPORT_SQL_MARK],
  );
  return rows;
}

async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, ms: number): Promise<T> {
  const until = Date.now() + ms;
  let value = await read();
  while (!done(value) && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  return value;
}

/** Starts a download, reads at least `bytes`, then stops reading: the response, paused, and its request. */
function startDownload(path: string, bytes: number) {
  return new Promise<{ status: number; received: number; request: http.ClientRequest }>((resolve, reject) => {
    let received = 0;
    let settled = false;
    const request = http.get(
      { host: "127.0.0.1", port, path, headers: { authorization: `Bearer ${token}` } },
      (response) => {
        response.on("data", (chunk: Buffer) => {
          received += chunk.length;
          if (received >= bytes && !settled) {
            settled = true;
            response.pause();
            resolve({ status: response.statusCode ?? 0, received, request });
          }
        });
        response.on("end", () => {
          if (!settled) reject(new Error(`the export ended after ${received} bytes, before the client left`));
        });
      },
    );
    request.on("error", (error) => {
      if (!settled) reject(error);
    });
  });
}

async function get(path: string): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(`http://127.0.0.1:${port}${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

async function lastExportAudit(): Promise<{ rows: number; completed: boolean; type: string } | null> {
  const [entry] = await t.db.$queryRaw<{ details: { rows: number; completed: boolean; type: string } }[]>`
    SELECT "details" FROM "AuditLog" WHERE "action" = 'export' ORDER BY "id" DESC LIMIT 1`;
  return entry?.details ?? null;
}

describe.each([
  { type: "csv", read: 256 * 1024 },
  { type: "xlsx", read: 64 * 1024 },
])("a $type export whose client goes away", ({ type, read }) => {
  test("stops its query within seconds; the server still answers", { timeout: 120_000 }, async () => {
    const auditsBefore = await t.db.auditLog.count({ where: { action: "export" } });
    const download = await startDownload(`/api/export?year=2023&type=${type}`, read);
    expect(download.status).toBe(200);
    // The export is running on the database, held back by the client that does not read.
    const running = await waitFor(exportQueries, (rows) => rows.length > 0, 5_000);
    expect(running).toHaveLength(1);

    download.request.destroy();
    const left = await waitFor(exportQueries, (rows) => rows.length === 0, 5_000);
    expect(left).toEqual([]);
    // The route's own account of it: an audit entry for a download that stopped early.
    const audit = await waitFor(
      async () =>
        (await t.db.auditLog.count({ where: { action: "export" } })) > auditsBefore
          ? lastExportAudit()
          : null,
      (entry) => entry !== null,
      5_000,
    );
    expect(audit).toMatchObject({ type, completed: false });
    expect(audit!.rows).toBeLessThan(longRows);

    // The same server still serves: its health check, and a whole small export.
    expect((await get("/health")).status).toBe(200);
    const [agency] = await t.db.$queryRaw<{ agencyId: number }[]>`
      SELECT "agencyId" FROM "ReportMetrics" ORDER BY "agencyId" LIMIT 1`;
    const small = await get(`/api/export?year=2023&agencies=${agency!.agencyId}&cells=t3.new`);
    expect(small.status).toBe(200);
    const [header, ...rows] = parseCsv(small.body.subarray(3).toString("utf8"));
    expect(header![0]).toBe("机构名称");
    expect(rows).toHaveLength(7);
    expect(await exportQueries()).toEqual([]);
  });
});

// Found by `npm run bench:load`: 50 clients asked for an export and left after 3 s; every pooled connection
// stayed in a COPY waiting on a client that was gone (the cancel itself waited for a pooled connection behind
// the exports queued for one), and from then on no page of the app answered.
test(
  "more exports than the pool holds, whose clients all leave, stop every query; pages keep a connection",
  { timeout: 120_000 },
  async () => {
    const requests: http.ClientRequest[] = [];
    const answered: number[] = [];
    for (let index = 0; index < 30; index++) {
      const request = http.get(
        {
          host: "127.0.0.1",
          port,
          path: "/api/export?year=2023&type=csv",
          headers: { authorization: `Bearer ${token}` },
        },
        (response) => {
          answered.push(response.statusCode ?? 0);
          response.pause(); // a client that reads nothing
        },
      );
      request.on("error", () => {});
      requests.push(request);
    }
    // Exports hold at most half the pool (5 of the child's 10): the server still answers meanwhile.
    const running = await waitFor(exportQueries, (rows) => rows.length >= 5, 10_000);
    expect(running.length).toBe(5);
    const during = Date.now();
    expect((await get("/health")).status).toBe(200);
    expect(Date.now() - during).toBeLessThan(5_000);
    expect(answered.every((status) => status === 200)).toBe(true);

    for (const request of requests) request.destroy();
    const left = await waitFor(exportQueries, (rows) => rows.length === 0, 10_000);
    expect(left).toEqual([]);
    // None of the exports that were waiting for a slot started after its client had gone.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await exportQueries()).toEqual([]);
    expect((await get("/health")).status).toBe(200);
    const [agency] = await t.db.$queryRaw<{ agencyId: number }[]>`
      SELECT "agencyId" FROM "ReportMetrics" ORDER BY "agencyId" LIMIT 1`;
    const small = await get(`/api/export?year=2023&agencies=${agency!.agencyId}&cells=t3.new`);
    expect(small.status).toBe(200);
  },
);
