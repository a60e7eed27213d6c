// npm run --silent parse -- <file>... — one JSON object per file per line (the CLI contract of issue 3), each
// under the path as given. Exit status: 0 when every file was opened (a rejected report is a result: ok false
// with its code); 1 when a file could not be opened (its line says why) or the run failed; 2 on a usage error.
// Nothing but the JSON lines goes to stdout; messages go to stderr, never a stack.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { MAX_INPUT_BYTES } from "@/lib/reader/extract/extract-document";
import { makeReadError } from "@/lib/reader/extract/read-error";
import { formatParseLineParts, type FileError } from "@/lib/reader/format-parse-line";
import { readReport } from "@/lib/reader/read-report";
import type { ReadResult } from "@/lib/reader/types";

const USAGE = `用法：npm run --silent parse -- <文件>...

读取政府信息公开工作年度报告（TXT、HTML、DOCX、PDF；装有 LibreOffice 时也读 DOC、WPS），
每个文件输出一行 JSON：{file, ok, error?, agency, year, template, cells, findings}。

退出码：0 每个文件都已读取（未能识别的报告同样输出一行，ok 为 false 并附错误码）；
        1 有文件无法打开（该行的错误码为 FILE_NOT_FOUND 或 FILE_UNREADABLE）；
        2 用法错误。`;

/** Output is written in chunks of about this many bytes rather than a write per line. */
const OUTPUT_CHUNK = 1 << 16;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_BYTES_PER_UNIT = 3;

async function main(args: readonly string[]): Promise<number> {
  const files = parseArgs(args);
  if (files === "help") {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (typeof files === "object" && "usage" in files) {
    process.stderr.write(`${files.usage}\n\n${USAGE}\n`);
    return 2;
  }
  let failed = false;
  const output = new OutputBuffer();
  for (const file of files) {
    // Reading is CPU-bound: a synchronous read per file costs less than promise plumbing around it.
    const opened = openFile(file);
    const result = "bytes" in opened ? await readReport(opened.bytes, file) : opened.result;
    if (!("ok" in result)) failed = true;
    await output.addLine(formatParseLineParts(file, result));
  }
  await output.flush();
  return failed ? 1 : 0;
}

/** The file names, "help", or a usage error. `--` ends the options (for files whose names start with -). */
function parseArgs(args: readonly string[]): string[] | "help" | { usage: string } {
  const files: string[] = [];
  let options = true;
  for (const arg of args) {
    if (options && arg === "--") options = false;
    else if (options && (arg === "-h" || arg === "--help")) return "help";
    else if (options && arg.startsWith("-") && arg !== "-") return { usage: `未知选项：${arg}` };
    else files.push(arg);
  }
  return files.length > 0 ? files : { usage: "请至少指定一个报告文件。" };
}

function openFile(file: string): { bytes: Uint8Array } | { result: ReadResult | FileError } {
  try {
    const fd = openSync(file, "r");
    try {
      const stat = fstatSync(fd);
      if (!stat.isFile()) return { result: unreadable("这是一个目录，不是文件。") };
      // A file too large to be a report is rejected before it is read into memory.
      if (stat.size > MAX_INPUT_BYTES) return { result: makeReadError("TOO_LARGE", null) };
      const bytes = new Uint8Array(stat.size);
      let read = 0;
      while (read < bytes.length) {
        const count = readSync(fd, bytes, read, bytes.length - read, null);
        if (count === 0) break;
        read += count;
      }
      return { bytes: read === bytes.length ? bytes : bytes.subarray(0, read) };
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (code === "ENOENT") return { result: { code: "FILE_NOT_FOUND", message: `文件不存在：${file}` } };
    if (code === "EISDIR") return { result: unreadable("这是一个目录，不是文件。") };
    if (code === "EACCES" || code === "EPERM") return { result: unreadable("没有读取该文件的权限。") };
    return { result: unreadable("无法读取该文件。") };
  }
}

function unreadable(message: string): FileError {
  return { code: "FILE_UNREADABLE", message };
}

/**
 * Output bytes gathered in chunks, each piece of a line encoded on its own: a line joined into one string is a
 * two-byte string whenever it carries Chinese, and encoding those is the slow path of Node's UTF-8 writer.
 */
class OutputBuffer {
  private chunk = Buffer.allocUnsafe(OUTPUT_CHUNK);
  private used = 0;

  async addLine(parts: readonly string[]): Promise<void> {
    for (const part of parts) await this.add(part);
    await this.add("\n");
  }

  private async add(text: string): Promise<void> {
    if (this.used + text.length * MAX_UTF8_BYTES_PER_UNIT > this.chunk.length) await this.flush();
    if (text.length * MAX_UTF8_BYTES_PER_UNIT > this.chunk.length) await write(text);
    else this.used += this.chunk.write(text, this.used);
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const full = this.chunk.subarray(0, this.used);
    // A fresh chunk: the stream may still hold the one just written.
    this.chunk = Buffer.allocUnsafe(OUTPUT_CHUNK);
    this.used = 0;
    await write(full);
  }
}

function write(data: string | Uint8Array): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(data)) resolve();
    else process.stdout.once("drain", resolve);
  });
}

// A closed pipe (`… | head`) ends the run quietly: nobody is left to read the rest.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
  process.stderr.write("无法写出结果。\n");
  process.exit(1);
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.stderr.write("读取时发生意外错误。\n");
    process.exitCode = 1;
  },
);
