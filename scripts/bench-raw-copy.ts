// The ingest benches' baseline (bench:ingest, bench:ingest-cpu): a raw COPY of the documents' cells into a
// bare table with ReportCell's columns and primary key — the database's own speed for these cells. Logged
// like ReportCell (UNLOGGED would flatter the baseline). One definition, so both benches compare against
// exactly the same thing.
//   const seconds = await copyIntoBareTable(pool, documents);   // the COPY alone, table set-up excluded
import { performance } from "node:perf_hooks";
import type pg from "pg";
import { copyRows } from "@/lib/db/copy-rows";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";

const BARE_TABLE = `CREATE TABLE "BenchCell" (
  "reportId" INTEGER NOT NULL, "cellNo" SMALLINT NOT NULL, "inferred" BOOLEAN NOT NULL, "value" DECIMAL(20,4),
  "rawText" TEXT, "unit" TEXT, PRIMARY KEY ("reportId", "cellNo"))`;

/** Copies the documents' cells into a new bare table, drops it again; the seconds the COPY took. */
export async function copyIntoBareTable(
  pool: pg.Pool,
  documents: readonly PreparedDocument[],
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS "BenchCell"`);
    await client.query(BARE_TABLE);
    // The cells as objects before the clock starts: a synthetic document brings them as COPY lines and
    // makes them when asked (prepare-synthetic-document.ts) — work the baseline did not do before.
    const cells = documents.map((document) => document.cells);
    const started = performance.now();
    await copyRows(
      client,
      {
        table: '"BenchCell"',
        columns: ['"reportId"', '"cellNo"', '"inferred"', '"value"', '"rawText"', '"unit"'],
      },
      (function* () {
        for (const [reportId, each] of cells.entries())
          for (const cell of each)
            yield [reportId, cell.cellNo, cell.inferred, cell.value, cell.rawText, cell.unit];
      })(),
    );
    const seconds = (performance.now() - started) / 1000;
    await client.query(`DROP TABLE "BenchCell"`);
    return seconds;
  } finally {
    client.release();
  }
}
