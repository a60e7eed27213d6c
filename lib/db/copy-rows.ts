// COPY … FROM STDIN in PostgreSQL's text format, streamed (pg-copy-streams): the bulk path's way to write
// hundreds of thousands of rows at the speed the server can take them, with the client's memory flat —
// rows are produced by an iterable and sent in chunks of about 64 KB.
//   await copyRows(client, { table: '"ReportCell"', columns: ['"reportId"', …] }, rowsIterable);
// `table` and `columns` are code constants (identifiers are never built from input).
import type { Writable } from "node:stream";
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";

export type CopyValue = string | number | boolean | null | Uint8Array;

export async function copyRows(
  client: pg.ClientBase,
  target: { table: string; columns: readonly string[] },
  rows: Iterable<readonly CopyValue[]>,
): Promise<void> {
  await copyText(client, target, chunkLines(rows));
}

/**
 * COPY of text already in COPY's format (lines of tab-separated fields, each with formatCopyValue), for a
 * caller that formats its rows itself: the bulk path's cells, a hundred thousand rows per batch, without
 * an array per row.
 */
export async function copyText(
  client: pg.ClientBase,
  target: { table: string; columns: readonly string[] },
  /** Text, or text already encoded as UTF-8 (joinCopyChunks). */
  chunks: Iterable<string | Uint8Array>,
): Promise<void> {
  const stream = client.query(copyFrom(`COPY ${target.table} (${target.columns.join(", ")}) FROM STDIN`));
  await writeAll(stream, chunks);
}

/**
 * The chunks written to the COPY stream as it drains, then its end: what `pipeline(Readable.from(chunks),
 * stream)` did, without its cost on the import's main thread — a stream wrapped around the chunks, and an
 * AbortController whose abort at the end made a DOMException with its stack (≈ 1 ms per COPY in a CPU
 * profile of a 500-file import: 14 ms of its main thread's ≈ 300). Resolves once the server has taken the
 * rows; rejects with the server's error, or with the chunks' own after the COPY was abandoned (CopyFail) —
 * the connection ready for the caller's ROLLBACK either way.
 */
function writeAll(stream: Writable, chunks: Iterable<string | Uint8Array>): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let failed = false;
    stream.once("finish", resolve);
    stream.on("error", (error) => {
      if (failed) return;
      failed = true;
      reject(error);
    });
    const iterator = chunks[Symbol.iterator]();
    const pump = (): void => {
      let next: IteratorResult<string | Uint8Array>;
      try {
        for (;;) {
          if (failed) return;
          next = iterator.next();
          if (next.done) {
            stream.end();
            return;
          }
          if (!stream.write(next.value)) {
            stream.once("drain", pump);
            return;
          }
        }
      } catch (error) {
        // The chunks failed: the COPY is abandoned (the server rolls it back), and their error is the answer.
        failed = true;
        stream.once("close", () => reject(error));
        stream.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    };
    pump();
  });
}

export const COPY_CHUNK_CHARS = 64 * 1024;
export const COPY_CHUNK_BYTES = 64 * 1024;

/**
 * Parts of COPY lines already encoded (UTF-8), gathered into chunks of at least `size` bytes: each chunk is
 * one CopyData message on the socket (two writes), not one per part.
 */
export function* joinCopyChunks(parts: Iterable<Uint8Array>, size: number): Generator<Buffer> {
  let held: Uint8Array[] = [];
  let length = 0;
  for (const part of parts) {
    held.push(part);
    length += part.byteLength;
    if (length >= size) {
      yield Buffer.concat(held, length);
      held = [];
      length = 0;
    }
  }
  if (length > 0) yield Buffer.concat(held, length);
}

function* chunkLines(rows: Iterable<readonly CopyValue[]>): Generator<string> {
  let chunk = "";
  for (const row of rows) {
    chunk += `${row.map(formatCopyValue).join("\t")}\n`;
    if (chunk.length >= COPY_CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk) yield chunk;
}

const NEEDS_ESCAPE = /[\\\t\n\r]/;

/** One field of COPY's text format: \N for null, t/f, \\x… for bytes, text with \ tab CR LF escaped. */
export function formatCopyValue(value: CopyValue): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  if (value instanceof Uint8Array)
    return `\\\\x${Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex")}`;
  if (!NEEDS_ESCAPE.test(value)) return value;
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}
