// PDF bytes → rows, from the text layer with positions.
// pdf.js comes bundled in unpdf and runs in the calling thread (its "fake worker"): there is no worker file to
// serve or configure, and nothing is fetched. The bundle loads on first use (a few hundred ms, once per
// process: see preloadPdfReader). After that most of a document's time would be pdf.js parsing its embedded
// fonts, which no pdf.js option turns off: skip-font-programs.ts hides them when the text does not need them.
// Adobe's predefined CJK CMaps are not bundled either: builtin-cmaps.ts answers for them.
// Rows are first grouped line by line from the text positions; `regrid` reads the pages again by their ruled
// tables (read-pdf-rulings.ts, group-pdf-items-by-grid.ts), which readReport asks for only when the first
// reading leaves the tables in doubt.
import { getDocumentProxy, getResolvedPDFJS } from "unpdf";
import type { ExtractedDocument, ReadError, TextRow } from "@/lib/reader/types";
import { makeReadError } from "@/lib/reader/extract/read-error";
import { indexOfAscii } from "@/lib/reader/extract/detect-media-type";
import { groupPdfItems, markWrapDoubtsAcrossPages, type PdfItem } from "@/lib/reader/extract/group-pdf-items";
import { groupPdfItemsByGrid } from "@/lib/reader/extract/group-pdf-items-by-grid";
import { joinRowsAcrossPages } from "@/lib/reader/extract/join-rows-across-pages";
import { readPdfRulings, type Segment } from "@/lib/reader/extract/read-pdf-rulings";
import { skipFontPrograms } from "@/lib/reader/extract/skip-font-programs";
import { inflatePdfStreams } from "@/lib/reader/extract/inflate-pdf-streams";
import { fixTextStateClone } from "@/lib/reader/extract/fix-text-state-clone";
import { BuiltInCMapFactory } from "@/lib/reader/extract/builtin-cmaps";

const MEDIA_TYPE = "application/pdf";
/** Fewer visible characters than this in the whole file: a scan or an image-only export. */
const MIN_TEXT_CHARS = 10;
const PAGE_BATCH = 8;
const GARBLED = "PDF 中的文字无法识别（字体缺少编码信息），无法读取。请上传 Word、网页版本或重新导出的 PDF。";

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

export interface RawTextItem {
  str?: string;
  dir?: string;
  transform?: number[];
  width?: number;
  height?: number;
  fontName?: string;
}

/** Load pdf.js now rather than during the first upload (server start, benchmarks). */
export async function preloadPdfReader(): Promise<void> {
  await getResolvedPDFJS();
  await fixTextStateClone();
}

/** `fontPrograms: "parse"` forces pdf.js to read embedded fonts even when the text does not need them. */
export async function extractPdf(
  bytes: Uint8Array,
  options: { fontPrograms?: "skip-when-safe" | "parse" } = {},
): Promise<ExtractedDocument | ReadError> {
  // pdf.js repairs damaged files silently; a file cut short (no end marker) is reported, not half-read.
  if (indexOfAscii(bytes.subarray(Math.max(0, bytes.length - 4096)), "%%EOF") < 0) {
    return makeReadError("CORRUPT_FILE", MEDIA_TYPE);
  }
  const light = options.fontPrograms === "parse" ? null : skipFontPrograms(bytes);
  if (light) {
    const fast = await readPdf(inflatePdfStreams(light) ?? light);
    // A font whose ToUnicode map turns out incomplete shows as replacement or private-use characters.
    if ("rows" in fast && unmappedShare(fast.rows) <= 0.005) return fast;
  }
  const full = await readPdf(bytes);
  // Fonts without any Unicode mapping print fine but yield no readable text: as good as a scan.
  if ("rows" in full && unmappedShare(full.rows) > 0.5)
    return makeReadError("NO_TEXT_LAYER", MEDIA_TYPE, GARBLED);
  return full;
}

async function readPdf(bytes: Uint8Array): Promise<ExtractedDocument | ReadError> {
  await fixTextStateClone();
  const pdf = await openPdf(bytes);
  if ("ok" in pdf) return pdf;
  const pages: PdfItem[][] = [];
  try {
    // Pages are requested a batch at a time: pdf.js then interleaves their work instead of idling
    // between round trips, while a thousand-page file still does not hold every page at once.
    for (let first = 1; first <= pdf.numPages; first += PAGE_BATCH) {
      const numbers = Array.from(
        { length: Math.min(PAGE_BATCH, pdf.numPages - first + 1) },
        (_, i) => first + i,
      );
      pages.push(...(await Promise.all(numbers.map((pageNumber) => readPageItems(pdf, pageNumber)))));
    }
  } catch {
    // pdf.js failing on a damaged page: the file's fault, not ours (our own code runs outside this try).
    return makeReadError("CORRUPT_FILE", MEDIA_TYPE);
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
  let visible = 0;
  for (const items of pages) for (const item of items) visible += item.text.replace(/\s/g, "").length;
  if (visible < MIN_TEXT_CHARS) return makeReadError("NO_TEXT_LAYER", MEDIA_TYPE);
  const rows = pages.map((items, index) => groupPdfItems(items, index + 1));
  markWrapDoubtsAcrossPages(rows);
  return {
    mediaType: MEDIA_TYPE,
    rows: rows.flat(),
    regrid: () => readByRuledTables(bytes, pages),
  };
}

async function openPdf(bytes: Uint8Array): Promise<PdfDocument | ReadError> {
  try {
    // pdf.js may take ownership of the buffer it is given: hand it a copy.
    return await getDocumentProxy(bytes.slice(), {
      verbosity: 0,
      BinaryDataFactory: BuiltInCMapFactory,
      cMapUrl: "builtin/",
      cMapPacked: false,
      useWorkerFetch: false,
    });
  } catch (error) {
    const name = (error as { name?: string } | null)?.name;
    return makeReadError(name === "PasswordException" ? "ENCRYPTED" : "CORRUPT_FILE", MEDIA_TYPE);
  }
}

/**
 * The second, costlier reading: each page's ruling lines (pdf.js's operator list) place every text item in its
 * table cell. Pages without rulings, or with rotated text, keep their line-by-line rows. Null when pdf.js cannot
 * give the rulings.
 */
async function readByRuledTables(bytes: Uint8Array, pages: readonly PdfItem[][]): Promise<TextRow[] | null> {
  const pdf = await openPdf(bytes);
  if ("ok" in pdf) return null;
  const rulings: Segment[][] = [];
  try {
    for (let pageNumber = 1; pageNumber <= pages.length; pageNumber++)
      rulings.push(await readPdfRulings(await pdf.getPage(pageNumber)));
  } catch {
    return null;
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
  const rows = pages.map((items, index) => {
    const segments = rulings[index] ?? [];
    const upright = items.every((item) => !item.rotated);
    return segments.length > 0 && upright
      ? groupPdfItemsByGrid(items, segments, index + 1)
      : groupPdfItems([...items], index + 1);
  });
  markWrapDoubtsAcrossPages(rows);
  return joinRowsAcrossPages(rows);
}

function unmappedShare(rows: TextRow[]): number {
  let total = 0;
  let unmapped = 0;
  for (const row of rows) {
    for (const cell of row.cells) {
      total += cell?.length ?? 0;
      unmapped += cell?.match(/[\uFFFD\uE000-\uF8FF\u0000-\u0008]/g)?.length ?? 0;
    }
  }
  return total === 0 ? 0 : unmapped / total;
}

async function readPageItems(pdf: PdfDocument, pageNumber: number): Promise<PdfItem[]> {
  const page = await pdf.getPage(pageNumber);
  const content = await page.getTextContent();
  const styles = content.styles as Record<string, { vertical?: boolean } | undefined>;
  const items: PdfItem[] = [];
  for (const raw of content.items as RawTextItem[]) {
    const item = toReadingSpace(raw);
    if (!item) continue;
    if (raw.dir === "ttb" || styles[raw.fontName ?? ""]?.vertical === true) {
      item.vertical = { height: raw.height ?? 0 };
    }
    items.push(item);
  }
  page.cleanup();
  return items;
}

/** Undo text rotation (landscape tables on portrait pages) so rows always run along x. */
export function toReadingSpace(raw: RawTextItem): PdfItem | null {
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = raw.transform ?? [];
  // Vertical writing may come out as presentation forms (︑ for 、): read them as the plain characters.
  const text = (raw.str ?? "").replace(/[\uFE10-\uFE19\uFE30-\uFE4F]/g, (char) => char.normalize("NFKC"));
  if (text.trim() === "") return null;
  const fontSize = Math.hypot(c, d) || Math.hypot(a, b) || 1;
  const width = raw.width ?? 0;
  if (Math.abs(a) >= Math.abs(b)) {
    return a >= 0
      ? { text, x: e, y: f, width, fontSize }
      : { text, x: -e, y: -f, width, fontSize, rotated: true };
  }
  return b > 0
    ? { text, x: f, y: -e, width, fontSize, rotated: true }
    : { text, x: -f, y: e, width, fontSize, rotated: true };
}
