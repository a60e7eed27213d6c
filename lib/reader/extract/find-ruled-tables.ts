// Ruling segments → tables: segments that cross form one table; their distinct x and y positions cut it into
// elementary cells, and neighbouring cells with no ruling between them are one merged cell (a group label over
// its sub-rows, a heading over several columns).
import type { Segment } from "./read-pdf-rulings";

export interface RuledCell {
  /** Grid position of the cell's top-left slot and its spans. */
  row: number;
  column: number;
  rowspan: number;
  colspan: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  /**
   * Ruled on all four sides. Tables printed against each other (a web page's small tables, one per 第二十条
   * item) form one grid whose columns differ from table to table: the slots beside a narrower table are no
   * cells at all.
   */
  enclosed: boolean;
}

export interface RuledTable {
  /** Column boundaries, left to right; row boundaries, top to bottom (y falls). */
  xs: number[];
  ys: number[];
  cells: RuledCell[];
  /** The cell each elementary slot belongs to, by row then column. */
  slots: RuledCell[][];
}

/** Positions closer than this (pt) are one ruling: borders are drawn twice, or as thin rectangles. */
const SAME_LINE = 2;
/** Column rulings running this far (pt) past the last row ruling: a row continues on the next page. */
const OPEN_END = 6;

export function findRuledTables(segments: readonly Segment[]): RuledTable[] {
  const horizontal = mergeSegments(segments.filter((segment) => segment.horizontal));
  const vertical = mergeSegments(segments.filter((segment) => !segment.horizontal));
  const tables: RuledTable[] = [];
  for (const group of connect(horizontal, vertical)) {
    closeAtPageBreak(group);
    const xs = cluster(group.vertical.map((segment) => segment.at)).sort((a, b) => a - b);
    const ys = cluster(group.horizontal.map((segment) => segment.at)).sort((a, b) => b - a);
    if (xs.length < 2 || ys.length < 2) continue;
    tables.push({ xs, ys, ...mergeCells(xs, ys, group.horizontal, group.vertical) });
  }
  return tables;
}

/**
 * A row broken across pages is printed without a border at the break: its column rulings run past the table's
 * last (or before its first) horizontal ruling. The missing border is added where they end.
 */
function closeAtPageBreak(group: { horizontal: Segment[]; vertical: Segment[] }): void {
  if (group.horizontal.length === 0 || group.vertical.length === 0) return;
  const top = Math.max(...group.horizontal.map((segment) => segment.at));
  const bottom = Math.min(...group.horizontal.map((segment) => segment.at));
  const left = Math.min(...group.vertical.map((segment) => segment.at));
  const right = Math.max(...group.vertical.map((segment) => segment.at));
  const highest = Math.max(...group.vertical.map((segment) => segment.to));
  const lowest = Math.min(...group.vertical.map((segment) => segment.from));
  if (highest > top + OPEN_END)
    group.horizontal.push({ horizontal: true, at: highest, from: left, to: right });
  if (lowest < bottom - OPEN_END)
    group.horizontal.push({ horizontal: true, at: lowest, from: left, to: right });
}

/** Collinear pieces that touch or overlap → one segment. */
function mergeSegments(segments: readonly Segment[]): Segment[] {
  const sorted = [...segments].sort((a, b) => a.at - b.at || a.from - b.from);
  const merged: Segment[] = [];
  for (const segment of sorted) {
    const same = merged.find(
      (other) =>
        Math.abs(other.at - segment.at) <= SAME_LINE &&
        segment.from <= other.to + SAME_LINE &&
        other.from <= segment.to + SAME_LINE,
    );
    if (same) {
      same.from = Math.min(same.from, segment.from);
      same.to = Math.max(same.to, segment.to);
    } else merged.push({ ...segment });
  }
  return merged;
}

/** Groups of segments joined by crossings: one group per table. */
function connect(
  horizontal: readonly Segment[],
  vertical: readonly Segment[],
): { horizontal: Segment[]; vertical: Segment[] }[] {
  const all = [...horizontal, ...vertical];
  const parent = all.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]!]!;
    return index;
  };
  horizontal.forEach((h, i) =>
    vertical.forEach((v, j) => {
      const crosses =
        v.at >= h.from - SAME_LINE &&
        v.at <= h.to + SAME_LINE &&
        h.at >= v.from - SAME_LINE &&
        h.at <= v.to + SAME_LINE;
      if (crosses) parent[root(i)] = root(horizontal.length + j);
    }),
  );
  const groups = new Map<number, { horizontal: Segment[]; vertical: Segment[] }>();
  all.forEach((segment, index) => {
    const key = root(index);
    const group = groups.get(key) ?? { horizontal: [], vertical: [] };
    (segment.horizontal ? group.horizontal : group.vertical).push(segment);
    groups.set(key, group);
  });
  return [...groups.values()];
}

function cluster(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const clusters: number[][] = [];
  for (const value of sorted) {
    const last = clusters.at(-1);
    if (last && value - last[last.length - 1]! <= SAME_LINE) last.push(value);
    else clusters.push([value]);
  }
  return clusters.map((values) => values.reduce((sum, value) => sum + value, 0) / values.length);
}

/** Elementary cells with no ruling between them belong to one cell. */
function mergeCells(
  xs: readonly number[],
  ys: readonly number[],
  horizontal: readonly Segment[],
  vertical: readonly Segment[],
): { cells: RuledCell[]; slots: RuledCell[][] } {
  const rows = ys.length - 1;
  const columns = xs.length - 1;
  const parent = Array.from({ length: rows * columns }, (_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]!]!;
    return index;
  };
  const ruled = (segments: readonly Segment[], at: number, from: number, to: number): boolean => {
    // The ruling must cover the middle of the border between the two cells.
    const margin = (to - from) * 0.25;
    return segments.some(
      (segment) =>
        Math.abs(segment.at - at) <= SAME_LINE && segment.from <= from + margin && segment.to >= to - margin,
    );
  };
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const here = r * columns + c;
      if (c + 1 < columns && !ruled(vertical, xs[c + 1]!, ys[r + 1]!, ys[r]!))
        parent[root(here)] = root(here + 1);
      if (r + 1 < rows && !ruled(horizontal, ys[r + 1]!, xs[c]!, xs[c + 1]!))
        parent[root(here)] = root(here + columns);
    }
  }
  const regions = new Map<number, RuledCell>();
  const slots: RuledCell[][] = Array.from({ length: rows }, () => []);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const key = root(r * columns + c);
      const region = regions.get(key);
      if (!region) {
        regions.set(key, {
          row: r,
          column: c,
          rowspan: 1,
          colspan: 1,
          left: xs[c]!,
          right: xs[c + 1]!,
          top: ys[r]!,
          bottom: ys[r + 1]!,
          enclosed: false,
        });
        slots[r]!.push(regions.get(key)!);
        continue;
      }
      slots[r]!.push(region);
      region.rowspan = Math.max(region.rowspan, r - region.row + 1);
      region.colspan = Math.max(region.colspan, c - region.column + 1);
      region.right = Math.max(region.right, xs[c + 1]!);
      region.bottom = Math.min(region.bottom, ys[r + 1]!);
    }
  }
  const cells = [...regions.values()];
  for (const cell of cells)
    cell.enclosed =
      covered(vertical, cell.left, cell.bottom, cell.top) &&
      covered(vertical, cell.right, cell.bottom, cell.top) &&
      covered(horizontal, cell.top, cell.left, cell.right) &&
      covered(horizontal, cell.bottom, cell.left, cell.right);
  return { cells, slots };
}

/** Rulings at `at` cover at least half of the side from `from` to `to`. */
function covered(segments: readonly Segment[], at: number, from: number, to: number): boolean {
  let length = 0;
  for (const segment of segments)
    if (Math.abs(segment.at - at) <= SAME_LINE)
      length += Math.max(0, Math.min(to, segment.to) - Math.max(from, segment.from));
  return length >= (to - from) / 2;
}
