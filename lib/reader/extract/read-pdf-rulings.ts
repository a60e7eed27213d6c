// The ruling lines of a PDF page — table borders as Word, WPS, LibreOffice and Chromium print them: stroked
// lines, stroked cell rectangles, or thin filled rectangles — as horizontal and vertical segments in page space.
// Read from pdf.js's operator list, with the graphics state's transformations applied.
import { getResolvedPDFJS } from "unpdf";

export interface Segment {
  /** Horizontal: y is fixed and x runs from `from` to `to`; vertical: x is fixed and y runs. */
  horizontal: boolean;
  /** The fixed coordinate (y of a horizontal segment, x of a vertical one). */
  at: number;
  from: number;
  to: number;
}

interface PdfPage {
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[] }>;
}

type Matrix = [number, number, number, number, number, number];

/** Thicker than this, a filled rectangle is a shaded area, not a line. */
const MAX_LINE_THICKNESS = 2.5;
/** Shorter than this, a segment is a tick or a glyph part, not a border. */
const MIN_SEGMENT_LENGTH = 4;
/** pdf.js path drawing codes (DrawOPS). */
const MOVE_TO = 0;
const LINE_TO = 1;
const CURVE_TO = 2;
const QUADRATIC_TO = 3;
const CLOSE_PATH = 4;

export async function readPdfRulings(page: PdfPage): Promise<Segment[]> {
  allowFontInfoOnNode20();
  const { OPS } = (await getResolvedPDFJS()) as unknown as { OPS: Record<string, number> };
  const strokes = new Set(
    ["stroke", "closeStroke", "fillStroke", "eoFillStroke", "closeFillStroke", "closeEOFillStroke"].map(
      (name) => OPS[name],
    ),
  );
  const fills = new Set(["fill", "eoFill"].map((name) => OPS[name]));
  const list = await page.getOperatorList();
  const segments: Segment[] = [];
  const stack: Matrix[] = [];
  let ctm: Matrix = [1, 0, 0, 1, 0, 0];
  list.fnArray.forEach((fn, index) => {
    const args = list.argsArray[index] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0] as Matrix | null | undefined;
      if (matrix && matrix.length === 6) ctm = multiply(matrix, ctm);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? ctm;
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const stroked = strokes.has(paint);
      if (!stroked && !fills.has(paint)) return;
      const data = (args[1] as ArrayLike<number>[] | undefined)?.[0];
      if (data) addPath(segments, data, ctm, stroked);
    }
  });
  return segments;
}

/** Each subpath: its straight edges when stroked, or itself as a line when it is a thin filled rectangle. */
function addPath(segments: Segment[], data: ArrayLike<number>, ctm: Matrix, stroked: boolean): void {
  let points: [number, number][] = [];
  const flush = () => {
    if (points.length >= 2) addSubpath(segments, points, stroked);
    points = [];
  };
  for (let i = 0; i < data.length;) {
    const op = data[i++];
    if (op === MOVE_TO) {
      flush();
      points.push(apply(ctm, data[i++] ?? 0, data[i++] ?? 0));
    } else if (op === LINE_TO) points.push(apply(ctm, data[i++] ?? 0, data[i++] ?? 0));
    else if (op === CURVE_TO) {
      i += 4;
      points.push(apply(ctm, data[i++] ?? 0, data[i++] ?? 0));
    } else if (op === QUADRATIC_TO) {
      i += 2;
      points.push(apply(ctm, data[i++] ?? 0, data[i++] ?? 0));
    } else if (op === CLOSE_PATH) {
      if (points.length > 0) points.push(points[0]!);
    } else return; // an encoding we do not know: better no rulings than wrong ones
  }
  flush();
}

function addSubpath(segments: Segment[], points: [number, number][], stroked: boolean): void {
  if (!stroked) {
    const xs = points.map((point) => point[0]);
    const ys = points.map((point) => point[1]);
    const [left, right, bottom, top] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
    if (top - bottom <= MAX_LINE_THICKNESS && right - left >= MIN_SEGMENT_LENGTH)
      segments.push({ horizontal: true, at: (top + bottom) / 2, from: left, to: right });
    else if (right - left <= MAX_LINE_THICKNESS && top - bottom >= MIN_SEGMENT_LENGTH)
      segments.push({ horizontal: false, at: (left + right) / 2, from: bottom, to: top });
    return;
  }
  for (let k = 1; k < points.length; k++) {
    const [x1, y1] = points[k - 1]!;
    const [x2, y2] = points[k]!;
    if (Math.abs(y1 - y2) < 0.5 && Math.abs(x1 - x2) >= MIN_SEGMENT_LENGTH)
      segments.push({ horizontal: true, at: (y1 + y2) / 2, from: Math.min(x1, x2), to: Math.max(x1, x2) });
    else if (Math.abs(x1 - x2) < 0.5 && Math.abs(y1 - y2) >= MIN_SEGMENT_LENGTH)
      segments.push({ horizontal: false, at: (x1 + x2) / 2, from: Math.min(y1, y2), to: Math.max(y1, y2) });
  }
}

function multiply(m: Matrix, n: Matrix): Matrix {
  return [
    m[0] * n[0] + m[1] * n[2],
    m[0] * n[1] + m[1] * n[3],
    m[2] * n[0] + m[3] * n[2],
    m[2] * n[1] + m[3] * n[3],
    m[4] * n[0] + m[5] * n[2] + n[4],
    m[4] * n[1] + m[5] * n[3] + n[5],
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/**
 * pdf.js sends font information for the operator list through ArrayBuffer.prototype.transferToFixedLength, which
 * Node gained in 21. On Node 20 the missing method ends the page's operator list at its first text — before
 * most of the table borders. A copy of the buffer's first bytes is what the method returns (the original is not
 * detached, which pdf.js does not rely on).
 */
function allowFontInfoOnNode20(): void {
  const prototype = ArrayBuffer.prototype as { transferToFixedLength?: (length?: number) => ArrayBuffer };
  if (typeof prototype.transferToFixedLength === "function") return;
  Object.defineProperty(ArrayBuffer.prototype, "transferToFixedLength", {
    configurable: true,
    writable: true,
    value(this: ArrayBuffer, length?: number): ArrayBuffer {
      return this.slice(0, length ?? this.byteLength);
    },
  });
}
