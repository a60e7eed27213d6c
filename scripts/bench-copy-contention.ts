// `npx tsx scripts/bench-copy-contention.ts [--reports 1000] [--rounds 6]` — why the bulk path's cells COPY
// costs more backend CPU than bench:ingest's raw COPY of the same cells: the same synthetic cells COPYed into
// a table with ReportCell's columns and key (bench-raw-copy.ts), the backend CPU of one COPY of `--reports`
// reports' cells (from /proc/<pid>/schedstat) measured alone, beside a second COPY of higher report ids on
// another connection (two batches in flight: the lower one no longer appends at the key index's right
// edge), and beside a CPU-bound query on another connection (the other core busy, as it is through a bulk
// load). Each round a fresh table with some rows in it first; the median of the rounds is printed.
import { rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { readCliArgsOrExit } from "@/lib/cli/read-cli-args";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";
import { copyRows } from "@/lib/db/copy-rows";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import type { PreparedCell } from "@/lib/ingest/prepare-document";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { readSchedstatCpuNs } from "./process-tree-cpu";

const { values } = readCliArgsOrExit({
  options: {
    reports: { type: "string", default: "1000" },
    rounds: { type: "string", default: "6" },
  },
});
const REPORTS = Number(values.reports);
const ROUNDS = Number(values.rounds);
const DATA_DIR = path.join(process.cwd(), ".test-data", `bench-copy-contention-${process.pid}`);
const COLUMNS = ['"reportId"', '"cellNo"', '"inferred"', '"value"', '"rawText"', '"unit"'];

const table = (name: string) => `CREATE TABLE "${name}" (
  "reportId" INTEGER NOT NULL, "cellNo" SMALLINT NOT NULL, "inferred" BOOLEAN NOT NULL, "value" DECIMAL(20,4),
  "rawText" TEXT, "unit" TEXT, PRIMARY KEY ("reportId", "cellNo"))`;

/** The cells of `cells` as rows with report ids from `firstId` on. */
function* rows(cells: readonly (readonly PreparedCell[])[], firstId: number) {
  for (const [index, each] of cells.entries())
    for (const cell of each)
      yield [firstId + index, cell.cellNo, cell.inferred, cell.value, cell.rawText, cell.unit] as const;
}

async function main(): Promise<void> {
  const cells = [
    ...generateSyntheticDocuments({ reports: 3 * REPORTS, years: { from: 2019, to: 2025 }, seed: 11 }),
  ].map((document) => document.cells);
  const first = cells.slice(0, REPORTS);
  const lower = cells.slice(REPORTS, 2 * REPORTS);
  const higher = cells.slice(2 * REPORTS);
  const server = await startEmbeddedPostgres({
    dataDir: DATA_DIR,
    port: await findFreePort(),
    persistent: false,
  });
  const clients: pg.Client[] = [];
  try {
    await createDatabaseIfMissing(server.adminUrl, "bench");
    for (let i = 0; i < 3; i += 1) {
      const client = new pg.Client({ connectionString: server.urlFor("bench") });
      await client.connect();
      clients.push(client);
    }
    const [a, b, busy] = clients as [pg.Client, pg.Client, pg.Client];
    const pidOf = async (client: pg.Client) =>
      (await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0]!.pid;
    const [pa, pb, pBusy] = [await pidOf(a), await pidOf(b), await pidOf(busy)];
    const cpuMs = (pid: number) => readSchedstatCpuNs(`/proc/${pid}/schedstat`) / 1e6;
    const copy = async (
      client: pg.Client,
      pid: number,
      name: string,
      data: typeof first,
      firstId: number,
    ) => {
      const before = cpuMs(pid);
      await copyRows(client, { table: `"${name}"`, columns: COLUMNS }, rows(data, firstId));
      return cpuMs(pid) - before;
    };
    const results: Record<string, number[]> = {
      alone: [],
      "beside a COPY of higher ids (this one: lower ids)": [],
      "beside a COPY of lower ids (this one: higher ids)": [],
      "beside a CPU-bound query": [],
    };
    const [alone, lowerSide, higherSide, besideQuery] = Object.values(results) as number[][];
    for (let round = 0; round < ROUNDS; round += 1) {
      for (const mode of ["alone", "two", "busy"] as const) {
        const name = `cells_${mode}_${round}`;
        await a.query(table(name));
        await copy(a, pa, name, first, 1);
        if (mode === "alone") alone!.push(await copy(a, pa, name, lower, REPORTS + 1));
        else if (mode === "two") {
          const [low, high] = await Promise.all([
            copy(a, pa, name, lower, REPORTS + 1),
            copy(b, pb, name, higher, 2 * REPORTS + 1),
          ]);
          lowerSide!.push(low);
          higherSide!.push(high);
        } else {
          // A query that keeps the other core busy for longer than the COPY, cancelled by its timeout.
          const burning = busy
            .query("SET statement_timeout = '20s'; SELECT count(*) FROM generate_series(1, 400000000)")
            .catch(() => null);
          await new Promise((resolve) => setTimeout(resolve, 50));
          besideQuery!.push(await copy(a, pa, name, lower, REPORTS + 1));
          await a.query("SELECT pg_cancel_backend($1)", [pBusy]);
          await burning;
        }
        await a.query(`DROP TABLE "${name}"`);
      }
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
    console.log(
      `backend CPU of a COPY of ${REPORTS} reports' cells (${lower.flat().length} rows), median of ${ROUNDS} (each run), load ${os.loadavg()[0]!.toFixed(1)}:`,
    );
    for (const [name, xs] of Object.entries(results))
      console.log(
        `  ${name.padEnd(50)} ${median(xs).toFixed(0).padStart(5)} ms  (${xs.map((x) => x.toFixed(0)).join(", ")})`,
      );
  } finally {
    for (const client of clients) await client.end().catch(() => undefined);
    await server.stop();
    await rm(DATA_DIR, { recursive: true, force: true });
  }
}

runCli(async () => {
  await main();
  return EXIT_OK;
});
