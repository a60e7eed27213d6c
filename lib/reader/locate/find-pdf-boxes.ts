// PDF rows → boxes on their pages: the text items pdf.js reads on a row's baseline (the y group-pdf-items.ts
// kept) and within the printed cell (from the cell's left x to the next cell's), their union as a box in the
// page's own user space — computed from each item's transform, so rotated (landscape) tables come out right.
// A cell known only by its row gets the whole row's box.
import { getDocumentProxy } from "unpdf";
import { BuiltInCMapFactory } from "@/lib/reader/extract/builtin-cmaps";
import { toReadingSpace, type RawTextItem } from "@/lib/reader/extract/extract-pdf";
import type { TextRow } from "@/lib/reader/types";
import type { CellRow } from "./find-cell-rows";
import type { PdfBox } from "./source-positions";

/** Items on one row lie within this share of their font size of its baseline (group-pdf-items: 0.4). */
const BASELINE_TOLERANCE = 0.45;

interface PlacedItem {
  x: number;
  y: number;
  fontSize: number;
  box: PdfBox;
}

export async function findPdfBoxes(
  bytes: Uint8Array,
  rows: readonly TextRow[],
  cells: ReadonlyMap<string, CellRow>,
): Promise<{
  pages: { width: number; height: number }[];
  boxes: Map<string, { page: number; box: PdfBox }>;
}> {
  const pdf = await getDocumentProxy(bytes.slice(), {
    verbosity: 0,
    BinaryDataFactory: BuiltInCMapFactory,
    cMapUrl: "builtin/",
    cMapPacked: false,
    useWorkerFetch: false,
  });
  try {
    const pages: { width: number; height: number }[] = [];
    const itemsByPage = new Map<number, PlacedItem[]>();
    const wanted = new Set(
      [...cells.values()].map((cell) => rows[cell.row]?.page).filter(Boolean) as number[],
    );
    for (let number = 1; number <= pdf.numPages; number++) {
      const page = await pdf.getPage(number);
      const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = page.view;
      pages.push({ width: x2 - x1, height: y2 - y1 });
      if (wanted.has(number))
        itemsByPage.set(number, placeItems((await page.getTextContent()).items as RawTextItem[]));
      page.cleanup();
    }
    const boxes = new Map<string, { page: number; box: PdfBox }>();
    for (const [id, cell] of cells) {
      const row = rows[cell.row];
      if (!row?.page || row.y === undefined) continue;
      const box = boxOf(itemsByPage.get(row.page) ?? [], row, cell);
      if (box) boxes.set(id, { page: row.page, box });
    }
    return { pages, boxes };
  } finally {
    await pdf.destroy().catch(() => undefined);
  }
}

function placeItems(raws: readonly RawTextItem[]): PlacedItem[] {
  const placed: PlacedItem[] = [];
  for (const raw of raws) {
    const item = toReadingSpace(raw);
    if (!item) continue;
    placed.push({ x: item.x, y: item.y, fontSize: item.fontSize, box: userSpaceBox(raw) });
  }
  return placed;
}

function boxOf(items: readonly PlacedItem[], row: TextRow, cell: CellRow): PdfBox | null {
  const y = row.y!;
  let from = -Infinity;
  let to = Infinity;
  if (cell.exact && cell.x !== undefined && row.xs) {
    // The printed cell the value stood in: from its left x to where the next cell of the row starts.
    const index = row.xs.reduce((best, x, i) => (x <= cell.x! + 0.5 ? i : best), 0);
    from = (row.xs[index] ?? cell.x) - 0.5;
    to = (row.xs[index + 1] ?? Infinity) - 0.5;
  }
  const matched = items.filter(
    (item) => Math.abs(item.y - y) <= BASELINE_TOLERANCE * item.fontSize && item.x >= from && item.x < to,
  );
  if (matched.length === 0) return null;
  return [
    Math.min(...matched.map((item) => item.box[0])),
    Math.min(...matched.map((item) => item.box[1])),
    Math.max(...matched.map((item) => item.box[2])),
    Math.max(...matched.map((item) => item.box[3])),
  ];
}

/** The item's glyph box in user space: along its baseline for its width, from just below it to a font size above. */
function userSpaceBox(raw: RawTextItem): PdfBox {
  const [a = 1, b = 0, c = 0, d = 1, e = 0, f = 0] = raw.transform ?? [];
  const along = Math.hypot(a, b) || 1;
  const size = Math.hypot(c, d) || along;
  const u = [a / along, b / along];
  const v = [c / size, d / size];
  const width = raw.width ?? 0;
  const corners = [
    [-0.2, 0],
    [-0.2, width],
    [1, 0],
    [1, width],
  ].map(([up, run]) => [e + u[0]! * run! + v[0]! * up! * size, f + u[1]! * run! + v[1]! * up! * size]);
  const xs = corners.map((corner) => corner[0]!);
  const ys = corners.map((corner) => corner[1]!);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}
