// The files of a multipart upload, one at a time as the body streams in (busboy): a file is collected only up
// to `maxFileBytes` — past that its remaining bytes are counted and dropped, and it comes out as `tooLarge` —
// and the next part is not read before the caller asks for it, so a request never holds more than one file
// in memory whatever its size. File names are names only: busboy keeps the last path segment, and control
// characters are dropped here; nothing ever uses them as a path.
//   for await (const part of readMultipartFiles(request, { field: "files", maxFileBytes, maxFiles: 100 })) …
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import busboy from "busboy";
import { AppError } from "./app-error";

export type MultipartFile =
  | { kind: "file"; fileName: string; mediaType: string; bytes: Uint8Array }
  | { kind: "too_large"; fileName: string; mediaType: string; size: number }
  | { kind: "too_many"; maxFiles: number };

export interface MultipartOptions {
  field: string;
  maxFileBytes: number;
  maxFiles: number;
}

const MAX_NAME_LENGTH = 255;

export async function* readMultipartFiles(
  request: Request,
  options: MultipartOptions,
): AsyncGenerator<MultipartFile> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType) || !request.body)
    throw new AppError("INVALID_INPUT", "请以 multipart/form-data 上传文件（字段 files）");
  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send UTF-8 file names (Chinese!); busboy's default for them is latin1.
      defParamCharset: "utf8",
      limits: { files: options.maxFiles, fields: 50, fieldSize: 64 * 1024, parts: options.maxFiles + 50 },
    });
  } catch {
    throw new AppError("INVALID_INPUT", "无法解析上传内容（multipart 边界缺失）");
  }
  const queue = createQueue<QueuedPart>();
  parser.on("file", (field, stream, info) => {
    if (field !== options.field) {
      stream.resume();
      return;
    }
    queue.push({ kind: "file", stream, fileName: cleanFileName(info.filename), mediaType: info.mimeType });
  });
  parser.on("filesLimit", () => queue.push({ kind: "too_many" }));
  parser.on("error", (error) => queue.fail(error));
  parser.on("close", () => queue.end());
  const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
  body.on("error", (error) => queue.fail(error));
  body.pipe(parser);
  let sawTooMany = false;
  try {
    for (;;) {
      const next = await queue.next().catch((error: unknown) => {
        throw malformed(error);
      });
      if (next === null) return;
      if (next.kind === "too_many") {
        if (!sawTooMany) yield { kind: "too_many", maxFiles: options.maxFiles };
        sawTooMany = true;
        continue;
      }
      const collected = await collect(next.stream, options.maxFileBytes).catch((error: unknown) => {
        throw malformed(error);
      });
      const { fileName, mediaType } = next;
      yield collected.bytes
        ? { kind: "file", fileName, mediaType, bytes: collected.bytes }
        : { kind: "too_large", fileName, mediaType, size: collected.size };
    }
  } finally {
    // The caller stopped early (an error): stop reading the body.
    body.unpipe(parser);
    body.destroy();
  }
}

type QueuedPart =
  { kind: "file"; stream: Readable; fileName: string; mediaType: string } | { kind: "too_many" };

/** The file's bytes, or only its size when it exceeds the limit (the rest is read and dropped). */
async function collect(
  stream: Readable,
  maxBytes: number,
): Promise<{ bytes: Uint8Array | null; size: number }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= maxBytes) chunks.push(chunk);
    else chunks.length = 0;
  }
  if (size > maxBytes) return { bytes: null, size };
  const bytes = Buffer.concat(chunks, size);
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), size };
}

/** A display name: the last path segment (busboy already drops the rest), no control characters, bounded. */
export function cleanFileName(name: string | undefined): string {
  const base = (name ?? "").split(/[\\/]/).at(-1) ?? "";
  const visible = base
    .replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, "")
    .trim();
  const cut = [...visible].slice(0, MAX_NAME_LENGTH).join("");
  return cut === "" || cut === "." || cut === ".." ? "未命名文件" : cut;
}

function malformed(error: unknown): AppError {
  if (error instanceof AppError) return error;
  return new AppError("INVALID_INPUT", "上传内容不完整或格式有误，请重新上传");
}

/** A queue the parser pushes into and the generator pulls from, one item at a time. */
function createQueue<T>() {
  const items: T[] = [];
  let waiting: { resolve: (item: T | null) => void; reject: (error: unknown) => void } | null = null;
  let ended = false;
  let failure: unknown = null;
  return {
    push(item: T) {
      if (waiting) {
        const { resolve } = waiting;
        waiting = null;
        resolve(item);
      } else items.push(item);
    },
    end() {
      ended = true;
      if (waiting && items.length === 0) {
        const { resolve } = waiting;
        waiting = null;
        resolve(null);
      }
    },
    fail(error: unknown) {
      failure ??= error;
      if (waiting) {
        const { reject } = waiting;
        waiting = null;
        reject(error);
      }
    },
    next(): Promise<T | null> {
      if (items.length > 0) return Promise.resolve(items.shift()!);
      if (failure) return Promise.reject(failure);
      if (ended) return Promise.resolve(null);
      return new Promise((resolve, reject) => {
        waiting = { resolve, reject };
      });
    },
  };
}
