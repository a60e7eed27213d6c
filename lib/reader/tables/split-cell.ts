// One printed cell → tokens. A cell may hold a label followed by numbers separated by spaces (PDF text,
// “行政许可 396 0 181”) or glued to it (web-archive dumps, “行政许可3960181”); those are split off.
import { normalizeLabel } from "@/lib/reader/template/normalize-label";
import { isPlainCount, parseCellValue } from "./parse-cell-value";

/** A number joined from lines it wrapped over (PDF): the reading with only the row's own line of it. */
export interface Unwrapped {
  value: number | null;
  text: string;
}

export type Token =
  | {
      kind: "number";
      text: string;
      value: number;
      digits: boolean;
      unit: string | null;
      x?: number;
      /** PDF text rows: right x of the cell, when the number is the cell's only token. */
      right?: number;
      unwrapped?: Unwrapped;
      /** Joined from a line that may be another row's: the reading without it. */
      unjoined?: Unwrapped;
    }
  | { kind: "blank"; text: string; x?: number; right?: number }
  | { kind: "empty"; text: string; x?: number }
  | { kind: "text"; text: string; x?: number };

const UNIT_ONLY = new Set(["万元", "元", "件", "个", "项"]);
const TRAILING_DIGITS = /^(.*[^\d\s.,，、:：])(\d+(?:\.\d+)?)$/;

export function splitCell(raw: string, x?: number): Token[] {
  const tokens = splitText(raw.trim());
  if (x !== undefined) for (const token of tokens) token.x = x;
  return tokens;
}

/** Whether the text holds an ASCII or full-width digit (/[0-9０-９]/, by hand: asked of every label cell). */
function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code >= 0x30 && code <= 0x39) || (code >= 0xff10 && code <= 0xff19)) return true;
  }
  return false;
}

/** splitCell's tokens (without an x) pushed onto `out`, without an array per cell: plain text rows' cells. */
export function pushCellTokens(out: Token[], raw: string): void {
  const text = raw.trim();
  const only = singleToken(text);
  if (only !== null) out.push(only);
  else for (const token of splitText(text)) out.push(token);
}

/** The commonest cells, one token each; null for any other (splitText's rest). */
function singleToken(text: string): Token | null {
  // The commonest cell by far: a plain count.
  if (isPlainCount(text))
    return { kind: "number", value: Number(text), text, unit: null, digits: text.length > 1 };
  // Text without any digit is a label (or prose) unless it is a blank mark: skip the number parsing.
  if (text.length > 2 && !hasDigit(text)) return { kind: "text", text };
  if (text === "") return { kind: "empty", text: "" };
  return null;
}

/**
 * A trimmed cell that is one token — a count, a blank mark, an empty cell or a label — told without making a token
 * for the commonest cells (a count, an empty cell, a label without digits: singleToken's); splitText's one token
 * for the others. null for a cell that is several tokens or a unit of its own (buildItems reads those rows from
 * their tokens).
 */
export function oneCellToken(text: string): "count" | "empty" | "text" | Token | null {
  if (isPlainCount(text)) return "count";
  if (text.length > 2 && !hasDigit(text)) return "text";
  if (text === "") return "empty";
  const tokens = splitText(text);
  const only = tokens.length === 1 ? tokens[0] : undefined;
  return only === undefined || only.kind === "empty" ? null : only;
}

function splitText(text: string): Token[] {
  const only = singleToken(text);
  if (only !== null) return [only];
  // Spaces separate numbers (“0 0 0”, PDF text); only a cell without inner spaces is one value.
  const spaced = /\s/.test(text);
  const parsed = spaced ? null : parseCellValue(text);
  if (parsed?.kind === "number") return [parsed];
  if (parsed?.kind === "blank") return [{ kind: "blank", text }];
  if (UNIT_ONLY.has(text)) return [{ kind: "empty", text }];
  // A cell without inner spaces (text trimmed: \s is what trim removes) is one part, and parsed as text above:
  // no rows side by side (they need two parts) and no values at its end to cut off.
  if (spaced) {
    const split = splitSpacedText(text);
    if (split) return split;
  }
  const glued = TRAILING_DIGITS.exec(text);
  if (glued && looksLikeRowLabel(glued[1] ?? "")) {
    const digits = glued[2] ?? "";
    return [{ kind: "text", text: glued[1] ?? "" }, ...splitText(digits)];
  }
  return [{ kind: "text", text }];
}

/** Text with inner spaces: rows side by side, or a label followed by spaced values; null when neither. */
function splitSpacedText(text: string): Token[] | null {
  const parts = text.split(/[\s\u3000]+/);
  const rows = splitRowsInLine(parts);
  if (rows) return rows;
  let cut = parts.length;
  while (cut > 0 && parseCellValue(parts[cut - 1] ?? "").kind !== "text") cut--;
  if (cut < parts.length) {
    const tail = parts.slice(cut).map((part) => splitText(part)[0] as Token);
    if (cut === 0) return tail;
    const label = parts.slice(0, cut).join(" ");
    // The first number glued to the label, the rest spaced (“行政事业性收费26 -15”, a narrow PDF cell).
    const glued = TRAILING_DIGITS.exec(label);
    if (glued && looksLikeRowLabel(glued[1] ?? ""))
      return [{ kind: "text", text: glued[1] ?? "" }, ...splitText(glued[2] ?? ""), ...tail];
    return [{ kind: "text", text: label }, ...tail];
  }
  return null;
}

/** Glued digits are split off only from short labels, never from prose ending in a number. */
function looksLikeRowLabel(label: string): boolean {
  const normalized = normalizeLabel(label);
  return normalized.length >= 2 && normalized.length <= 40 && !/[。；]/.test(label);
}

/**
 * Several rows on one line (“规章 0 0 0 行政规范性文件 0 0 0”, text pasted from a web page): labels and
 * numbers alternate. Only when every label run is short and not prose, so sentences with numbers stay whole.
 */
function splitRowsInLine(printed: readonly string[]): Token[] | null {
  const parts = joinSpacedOrdinals(printed);
  // A line opening with a number is an ordinal (“3 .其他”) or prose, not rows side by side.
  if (parseCellValue(parts[0] ?? "").kind !== "text") return null;
  const tokens: Token[] = [];
  let label: string[] = [];
  let sawValueThenText = false;
  for (const part of parts) {
    const value = parseCellValue(part);
    if (value.kind === "text") {
      if (tokens.length > 0 && label.length === 0 && tokens.at(-1)?.kind !== "text") sawValueThenText = true;
      label.push(part);
      continue;
    }
    if (label.length > 0) {
      const text = label.join(" ");
      if (!looksLikeRowLabel(text)) return null;
      tokens.push({ kind: "text", text });
      label = [];
    }
    tokens.push(value.kind === "number" ? value : { kind: "blank", text: part });
  }
  if (!sawValueThenText || label.length > 0) return null;
  return tokens;
}

/** “1 .属于国家秘密” printed with a space: the number is the label's ordinal, not a cell. */
function joinSpacedOrdinals(parts: readonly string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] ?? "";
    const next = parts[i + 1];
    if (/^\d{1,2}$/.test(part) && next !== undefined && /^[.、．]/.test(next)) {
      // “1 .属于” or “1 . 属于”: the ordinal and the label's first word become one text part.
      const alone = next.length === 1 && parts[i + 2] !== undefined;
      joined.push(alone ? `${part}${next}${parts[i + 2]}` : `${part}${next}`);
      i += alone ? 2 : 1;
    } else joined.push(part);
  }
  return joined;
}
