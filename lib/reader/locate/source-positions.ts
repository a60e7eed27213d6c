// Where each cell of a reading was printed in its document, for the review page: in a PDF a box on a page
// (PDF user space, as pdf.js draws it), in text, HTML and Word the row (line) it stood in. Cells that print
// nothing (blank, inferred) point at their table row. Positions are worked out on demand from the stored
// bytes (the reader is deterministic), never stored.

/** [x1, y1, x2, y2] in PDF user space (origin bottom left, as pdf.js's viewport converts it). */
export type PdfBox = [number, number, number, number];

export interface CellPosition {
  /** Index into `lines`: the row the value (or its table row) was printed in. */
  line: number;
  /** PDF only. */
  page?: number;
  box?: PdfBox;
  /** true: the value itself was found; false: only its table row (nothing printed, or not found again). */
  exact: boolean;
}

export interface SourcePositions {
  /** "pdf": draw the page; "text": show `lines` as text (TXT, HTML, DOCX — never rendered as markup). */
  kind: "pdf" | "text";
  /** The document's rows as the reader read them, one string each (table cells joined by tabs). */
  lines: string[];
  /** PDF only: the page of each line (1-based), same length as lines. */
  linePages?: number[];
  /** PDF only: page sizes in user space. */
  pages?: { width: number; height: number }[];
  cells: Record<string, CellPosition>;
}
