// The reader's contract: what every stage produces and what readReport returns.
// Pure types — shared by the reader (lib/reader), ingestion (lib/ingest) and the parse CLI.

export type TemplateVersion = "2019" | "2021";

/** The closed list of agency kinds (spec/template.md), used in reader output, the database and URLs. */
export const AGENCY_KINDS = ["省政府", "市政府", "区县政府", "乡镇", "街道", "部门", "其他"] as const;
export type AgencyKind = (typeof AGENCY_KINDS)[number];

export type Severity = "error" | "warning" | "info";
export type FindingKind = "inconsistent" | "uncertain";

export interface Finding {
  /** Stable code, e.g. RULE_BALANCE, CELL_BLANK (spec/template.md). Never renamed once used. */
  code: string;
  severity: Severity;
  kind: FindingKind;
  /** Canonical cell ids (spec/cells.json) the finding is about; may be empty. */
  cells: string[];
  /** Chinese message for staff. */
  message: string;
}

/** The agency keys of the CLI contract: every key present, null when it does not apply. */
export interface AgencyInfo {
  /** Full official name, e.g. 曲靖市沾益区发展和改革局; null when unresolved. */
  name: string | null;
  /** The name as printed in the report, e.g. 沾益区发改局. */
  as_printed: string | null;
  kind: AgencyKind | null;
  province: string | null;
  city: string | null;
  county: string | null;
  town: string | null;
  /** Department name for kind 部门 (e.g. 发展和改革局), else null. */
  department: string | null;
  /** For a department: the government it belongs to (e.g. 曲靖市沾益区人民政府), else null. */
  parent: string | null;
}

/** Statistics-bureau codes of the resolved region levels (not part of the CLI contract). */
export interface RegionCodes {
  province: string | null;
  city: string | null;
  county: string | null;
  town: string | null;
}

export const READ_ERROR_CODES = [
  "EMPTY_FILE",
  "UNSUPPORTED_TYPE",
  "CORRUPT_FILE",
  "ENCRYPTED",
  "NO_TEXT_LAYER",
  "LEGACY_DOC",
  "NOT_A_REPORT",
  "PRE_2019_FORMAT",
  "TOO_LARGE",
] as const;
export type ReadErrorCode = (typeof READ_ERROR_CODES)[number];

export interface ReadError {
  ok: false;
  error: { code: ReadErrorCode; message: string };
  /** The media type detected from the bytes/name, when known. */
  mediaType: string | null;
}

export interface ReadSuccess {
  ok: true;
  mediaType: string;
  agency: AgencyInfo;
  regionCodes: RegionCodes;
  /** The statistics year (not the publication year); null when it cannot be found (with a YEAR_MISSING finding). */
  year: number | null;
  template: TemplateVersion;
  /** Every cell id of the detected template version: a number, or null when not printed / unreadable. */
  cells: Record<string, number | null>;
  /** The text each cell was read from (as printed, before normalisation), for the cells that had any. */
  rawText: Record<string, string>;
  /** Cell ids whose value was not printed but forced by the report's own sums (each also has a VALUE_INFERRED finding). */
  inferred: string[];
  /** Unit as printed for amount cells (e.g. t2.procurement.amount → "万元" | "元" | null when not printed). */
  units: Record<string, string | null>;
  findings: Finding[];
  /** The document's plain text after extraction (for review pages and search). */
  text: string;
}

export type ReadResult = ReadSuccess | ReadError;

// ---- Intermediate representation between extraction and table reading ----

/**
 * One visual row of a document after extraction: a table row (its cells in order, merged cells
 * expanded into a grid) or a line of running text (a single cell).
 * - "" is a real cell that is empty (blank cell);
 * - null is a grid position covered by a merged cell (rowspan/colspan continuation): not a cell of its own.
 */
export interface TextRow {
  cells: (string | null)[];
  /** "table": from a real table structure (HTML/DOCX/PDF columns); "line": a line of plain text. */
  source: "table" | "line";
  /** PDF only: left x of each cell, same length as cells, to align short rows with header columns. */
  xs?: number[];
  /** PDF text rows only: right x of each cell, for placing a number against its column's header. */
  rights?: number[];
  /** PDF text rows only: the row's largest font size. */
  fontSize?: number;
  /** PDF only: the row's baseline (reading space, y upwards), to find its text again (lib/reader/locate). */
  y?: number;
  /** PDF only: page number (1-based). */
  page?: number;
  /**
   * PDF only, when a cell holds a number joined from the lines it wrapped over (18 / 44 / 1 → 18441): each cell's
   * text with only the row's own line of that number (“44”), null for the other cells — the reading if those
   * lines were not the number's (lib/reader/extract/join-wrapped-numbers.ts).
   */
  unwrapped?: (string | null)[];
  /**
   * PDF only, when a cell's number was joined from a line lying nearer another row than the number's own lines:
   * each cell's text without that line (and any beyond it), null for the other cells — the reading if that line
   * was the other row's (lib/reader/extract/join-wrapped-numbers.ts).
   */
  unjoined?: (string | null)[];
  /** PDF text rows only: its numbers may belong to a number wrapped over the line next to it (no rulings). */
  wrapDoubt?: boolean;
  /** PDF only: cells read from the table's ruling lines, an empty cell kept as "" (as in an HTML table). */
  ruled?: boolean;
  /** Running text known not to be a table row (Markdown prose): its numbers are never cells. */
  prose?: boolean;
}

export interface ExtractedDocument {
  mediaType: string;
  rows: TextRow[];
  /** Plain text only: the text its rows are the lines of — their one cells joined by "\n" give it back. */
  text?: string;
  /**
   * PDF only: the same pages read again by their ruled tables (every item placed in its cell) — costlier, so
   * asked for only when the line-by-line rows leave the tables in doubt. Null when the rulings cannot be read.
   */
  regrid?: () => Promise<TextRow[] | null>;
}
