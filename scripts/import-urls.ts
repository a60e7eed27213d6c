// `npm run import -- --urls <file>`: the addresses in a text file (one per line; blank lines and lines
// starting with # skipped), each imported from the web as on the upload page's 从网址导入 (lib/ingest/
// import-from-url.ts) — three addresses at a time, one request at a time per host. Prints a line per address
// (or, with --json, one JSON line per file in the upload API's shape with its url) and a summary.
import { readFile } from "node:fs/promises";
import type { Db } from "@/lib/db/create-client";
import { readFetchConfig } from "@/lib/fetch/fetch-config";
import { importFromUrl, type UrlImport } from "@/lib/ingest/import-from-url";
import type { Uploader } from "@/lib/ingest/upload-file";

const PARALLEL_URLS = 3;

export async function readUrlList(file: string): Promise<string[]> {
  const text = await readFile(file, "utf8");
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

export async function importUrlList(options: {
  db: Db;
  urls: readonly string[];
  uploader: Uploader;
  json: boolean;
}): Promise<UrlImport[]> {
  const config = readFetchConfig();
  const done: UrlImport[] = [];
  let next = 0;
  const worker = async () => {
    while (next < options.urls.length) {
      const url = options.urls[next++]!;
      const result = await importFromUrl({ db: options.db, url, uploader: options.uploader, config });
      done.push(result);
      if (options.json) for (const item of result.results) process.stdout.write(`${JSON.stringify(item)}\n`);
      if (options.json && result.error)
        process.stdout.write(`${JSON.stringify({ url: result.url, ok: false, error: result.error })}\n`);
      if (!options.json) console.log(describeUrlImport(result));
    }
  };
  await Promise.all(Array.from({ length: Math.min(PARALLEL_URLS, options.urls.length) }, worker));
  return done;
}

function describeUrlImport(result: UrlImport): string {
  if (result.error && result.results.length === 0)
    return `✗ ${result.url}\n    ${result.error.code}：${result.error.message}`;
  const lines = [
    `${result.ok ? "✓" : "✗"} ${result.url}（列表页 ${result.listPages} 个，文件 ${result.results.length} 个）`,
  ];
  for (const item of result.results)
    lines.push(`    ${item.status}${item.error ? ` ${item.error.code}` : ""}  ${item.url}`);
  return lines.join("\n");
}

export function summariseUrlImports(results: readonly UrlImport[]): string {
  const files = results.flatMap((result) => result.results);
  const count = (status: string) => files.filter((file) => file.status === status).length;
  const failedUrls = results.filter((result) => !result.ok).length;
  return [
    `共 ${results.length} 个网址（${failedUrls} 个未能导入），取得 ${files.length} 个文件：`,
    `  已入库 ${count("accepted")}，重复 ${count("duplicate")}，待补充 ${count("needs_agency") + count("needs_year")}，未通过 ${count("rejected")}`,
  ].join("\n");
}
