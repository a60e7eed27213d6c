// Import from the web (从网址导入, `npm run import -- --urls`): one address a person gave — a report's own page
// or file, or a site's list of annual reports — fetched across the SSRF boundary (lib/fetch/fetch-url.ts).
// A report page or a file goes through the upload pipeline as it is (uploadFile: duplicates by sha256, the
// reader, the uploader's region limits), stored byte for byte with the address it came from and when. A list
// page is crawled within the same site: links to annual reports, report files and the list's next pages,
// breadth first, at most MAX_DEPTH links deep, MAX_PAGES list pages and MAX_LINKS report links. An address
// seen twice is fetched once; the same file under two addresses is a duplicate result (same sha256).
//   const result = await importFromUrl({ db, url, uploader, config });
import { AppError, isAppError } from "@/lib/api/app-error";
import type { Db } from "@/lib/db/create-client";
import type { FetchConfig } from "@/lib/fetch/fetch-config";
import { fetchUrl, parseFetchUrl, type LookupAddresses } from "@/lib/fetch/fetch-url";
import { readWebPage } from "@/lib/fetch/find-report-links";
import { uploadFile, type Uploader } from "@/lib/ingest/upload-file";
import { toUploadResults, type FileOutcome, type UploadResult } from "@/lib/ingest/upload-result";

export const MAX_DEPTH = 3;
export const MAX_PAGES = 20;
export const MAX_LINKS = 200;

export type UrlImportResult = UploadResult & { url: string };

export interface UrlImport {
  url: string;
  ok: boolean;
  /** List pages read while looking for reports. */
  listPages: number;
  results: UrlImportResult[];
  error?: { code: string; message: string };
}

export interface ImportFromUrlOptions {
  db: Db;
  url: string;
  uploader: Uploader;
  config: FetchConfig;
  lookup?: LookupAddresses;
  /** Called as each file is fetched or refused (progress for the command line). */
  onFile?: (url: string) => void;
}

const HTML_TYPES = /^(text\/html|application\/xhtml\+xml)/i;

export async function importFromUrl(options: ImportFromUrlOptions): Promise<UrlImport> {
  const { db, uploader, config, lookup } = options;
  let start: URL;
  try {
    start = parseFetchUrl(options.url);
  } catch (error) {
    return failure(options.url, error);
  }
  const queue: { url: URL; depth: number }[] = [{ url: start, depth: 0 }];
  const seen = new Set([start.href]);
  const items: (FileOutcome & { url: string })[] = [];
  let listPages = 0;
  let links = 0;
  while (queue.length > 0) {
    const { url, depth } = queue.shift()!;
    let file;
    try {
      file = await fetchUrl(url, { config, lookup });
    } catch (error) {
      // The address given failing is the whole answer; a linked one failing is one result among others.
      if (depth === 0) return failure(options.url, error);
      items.push({ url: url.href, file: url.href, error: describe(error) });
      options.onFile?.(url.href);
      continue;
    }
    const isHtml = HTML_TYPES.test(file.contentType ?? "") || /\.s?html?$/i.test(file.fileName);
    const page = isHtml ? readWebPage(file.bytes, new URL(file.url)) : null;
    if (page && !page.isReport) {
      listPages += 1;
      if (listPages > MAX_PAGES) continue;
      for (const link of page.links) {
        if (seen.has(link.url.href)) continue;
        // The list's next page stays at the list's depth: paging through a list does not go deeper.
        const next = link.kind === "next";
        const linkDepth = next ? depth : depth + 1;
        if (linkDepth > MAX_DEPTH || (!next && links >= MAX_LINKS)) continue;
        seen.add(link.url.href);
        if (!next) links += 1;
        queue.push({ url: link.url, depth: linkDepth });
      }
      continue;
    }
    const outcome = await uploadFile(db, {
      file: {
        fileName: file.fileName,
        mediaType: file.contentType?.split(";")[0]?.trim() ?? null,
        bytes: file.bytes,
        source: { url: file.url, fetchedAt: file.fetchedAt },
      },
      uploader,
    });
    items.push({ ...outcome, url: file.url });
    options.onFile?.(file.url);
  }
  const described = await toUploadResults(db, items);
  const results = described.map((result, index) => ({ ...result, url: items[index]!.url }));
  if (results.length === 0)
    return {
      url: start.href,
      ok: false,
      listPages,
      results,
      error: { code: "NO_REPORTS_FOUND", message: new AppError("NO_REPORTS_FOUND").message },
    };
  return { url: start.href, ok: results.some((result) => result.ok), listPages, results };
}

function describe(error: unknown): { code: string; message: string } {
  if (isAppError(error)) return { code: error.code, message: error.message };
  throw error;
}

function failure(url: string, error: unknown): UrlImport {
  return { url, ok: false, listPages: 0, results: [], error: describe(error) };
}
