// An XLSX export, streamed: rows come from a server-side cursor (pg-query-stream, a batch at a time) into
// exceljs's streaming WorkbookWriter, each row committed (written to the zip and forgotten) as it arrives,
// so memory stays flat for any number of rows. Numbers are typed as numbers, the header row is frozen and
// the columns have widths. Several sheets are written one after another (wide: one sheet per table); a
// sheet that reaches Excel's row limit continues on the next ("明细 (2)"). The writer waits whenever the
// client has not taken what was written, and stops — cancelling the query — when the client goes away.
//   const { stream, finished } = await streamXlsxExport({ pool, sheets: [{ name: "明细", plan }] });
import { PassThrough } from "node:stream";
import ExcelJS from "exceljs";
import type pg from "pg";
import QueryStream from "pg-query-stream";
import type { ExportColumn, ExportSql } from "./build-export-sql";
import { openExportConnection } from "./export-connection";
import type { ExportStream } from "./stream-csv-export";

/** Excel's limit is 1,048,576 rows per sheet, the header included. */
export const MAX_SHEET_ROWS = 1_048_575;

export interface ExportSheet {
  name: string;
  plan: ExportSql;
}

export async function streamXlsxExport(options: {
  pool: pg.Pool;
  sheets: readonly ExportSheet[];
  maxSheetRows?: number;
  /** The request's: an export still waiting for a connection when its client leaves does not start. */
  signal?: AbortSignal;
}): Promise<ExportStream> {
  const maxRows = options.maxSheetRows ?? MAX_SHEET_ROWS;
  const connection = await openExportConnection(options.pool, options.signal);
  const out = new PassThrough({ highWaterMark: 256 * 1024 });
  let rows = 0;
  let completed = false;
  let settle: (outcome: { rows: number; completed: boolean }) => void = () => {};
  const finished = new Promise<{ rows: number; completed: boolean }>((resolve) => (settle = resolve));
  out.once("close", () => {
    if (!completed) void connection.release(false).then(() => settle({ rows, completed: false }));
  });

  async function write(): Promise<void> {
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
      stream: out,
      useStyles: true,
      useSharedStrings: false,
    });
    for (const sheet of options.sheets) {
      const query = new QueryStream(sheet.plan.query.text, sheet.plan.query.values as unknown[], {
        rowMode: "array",
        batchSize: 500,
      });
      const source = connection.client.query(query);
      let worksheet: ExcelJS.Worksheet | null = null;
      let part = 0;
      let sheetRows = 0;
      for await (const row of source as AsyncIterable<unknown[]>) {
        if (out.destroyed) return;
        if (!worksheet || sheetRows >= maxRows) {
          worksheet?.commit();
          part += 1;
          worksheet = addSheet(
            workbook,
            part === 1 ? sheet.name : `${sheet.name} (${part})`,
            sheet.plan.columns,
          );
          sheetRows = 0;
        }
        worksheet.addRow(toCells(row, sheet.plan.columns)).commit();
        sheetRows += 1;
        rows += 1;
        if (out.writableNeedDrain) await drained(out);
      }
      // A sheet with no rows still gets its header: an empty selection is a valid, empty file.
      (worksheet ?? addSheet(workbook, sheet.name, sheet.plan.columns)).commit();
    }
    await workbook.commit();
    completed = true;
  }

  write()
    .catch((error: unknown) => {
      if (!out.destroyed)
        console.error("[export] xlsx failed:", error instanceof Error ? error.message : error);
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    })
    .finally(async () => {
      await connection.release(completed);
      settle({ rows, completed });
    });
  return { stream: out, finished, pid: connection.pid };
}

/** Resolves when the client took what was written — or went away (then the loop sees `destroyed`). */
function drained(out: PassThrough): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off("drain", done);
      out.off("close", done);
      resolve();
    };
    out.once("drain", done);
    out.once("close", done);
  });
}

function addSheet(workbook: ExcelJS.stream.xlsx.WorkbookWriter, name: string, columns: ExportColumn[]) {
  const worksheet = workbook.addWorksheet(safeSheetName(name), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  worksheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));
  worksheet.getRow(1).font = { bold: true };
  return worksheet;
}

/** Numbers as numbers (pg gives float8 and int as JS numbers already), text as text, null as an empty cell. */
function toCells(row: unknown[], columns: ExportColumn[]): Array<string | number | null> {
  return row.map((value, index) => {
    if (value === null || value === undefined) return null;
    if (columns[index]?.type === "number") return typeof value === "number" ? value : Number(value);
    return String(value);
  });
}

/** Excel refuses sheet names over 31 characters or with : \ / ? * [ ]. */
function safeSheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, " ").slice(0, 31);
}
