// A CSV export straight from PostgreSQL: COPY (the export query) TO STDOUT in CSV — the server quotes and
// writes every field, the query already neutralised the text (build-export-sql.ts) — behind a BOM and the
// header, with record ends turned into CRLF. Memory stays flat: the stream is pulled, so COPY's socket is only
// read as fast as the client downloads. Destroying the stream (the client went away) cancels the query.
//   const { stream, finished } = await streamCsvExport({ pool, plan });
import { Readable } from "node:stream";
import type pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { ExportSql } from "./build-export-sql";
import { CrlfRecords } from "./crlf-records";
import { openExportConnection } from "./export-connection";
import { formatCsvRow } from "./format-csv-row";
import { inlineSql } from "./inline-sql";

export const UTF8_BOM = "\uFEFF";

export interface ExportOutcome {
  /** Data rows sent (the header not counted). */
  rows: number;
  /** False when the stream stopped early (client disconnect, database error). */
  completed: boolean;
}

export interface ExportStream {
  stream: Readable;
  /** Settles when the stream ended, was destroyed or failed; never rejects. */
  finished: Promise<ExportOutcome>;
  /** The database backend serving the export (for tests watching pg_stat_activity). */
  pid: number;
}

export async function streamCsvExport(options: {
  pool: pg.Pool;
  plan: ExportSql;
  /** The request's: an export still waiting for a connection when its client leaves does not start. */
  signal?: AbortSignal;
}): Promise<ExportStream> {
  const { plan } = options;
  const connection = await openExportConnection(options.pool, options.signal);
  const records = new CrlfRecords();
  let settle: (outcome: ExportOutcome) => void = () => {};
  const finished = new Promise<ExportOutcome>((resolve) => (settle = resolve));

  let completed = false;
  async function* generate(): AsyncGenerator<Buffer> {
    try {
      yield Buffer.from(UTF8_BOM + formatCsvRow(plan.columns.map((column) => column.header)));
      const copy = connection.client.query(
        copyTo(`COPY (${inlineSql(plan.query)}) TO STDOUT WITH (FORMAT csv)`),
      );
      for await (const chunk of copy as AsyncIterable<Buffer>) yield records.convert(chunk);
      completed = true;
    } finally {
      await connection.release(completed);
      settle({ rows: records.records, completed });
    }
  }

  // highWaterMark 1: one COPY chunk (≈64 KB) waits at most; the rest stays in PostgreSQL until asked for.
  const stream = Readable.from(generate(), { objectMode: false, highWaterMark: 1 });
  // A destroyed stream stops its generator only at the next chunk — a query still sorting would run on —
  // or never, if it had not started: cancel here at once (release is idempotent).
  stream.once("close", () => {
    if (completed) return;
    void connection.release(false).then(() => settle({ rows: records.records, completed: false }));
  });
  return { stream, finished, pid: connection.pid };
}
