// One extracted row → its tokens (labels, numbers, blanks), or why it has none: a blank line or noise (page
// numbers, site chrome). In plain text, tabs and pipes separate cells.
import type { TextRow } from "@/lib/reader/types";
import { isNoiseLine, stripArtefacts } from "./is-noise-line";
import { isPlainCount } from "./parse-cell-value";
import { pushCellTokens, splitCell, type Token } from "./split-cell";

export function readRowTokens(row: TextRow): Token[] | "blank" | "noise" {
  const tokens = readTokens(row);
  // A PDF line of one cell (“行政强制 94 -9”, a narrow table without rulings) is PDF text all the same: a blank
  // cell printed nothing there, so its numbers carry the line's x, and a short row's blanks are placed as in any
  // PDF row rather than its digits split as glued text's.
  const x = row.source === "line" ? row.xs?.[0] : undefined;
  if (x !== undefined && Array.isArray(tokens)) for (const token of tokens) token.x ??= x;
  return tokens;
}

function readTokens(row: TextRow): Token[] | "blank" | "noise" {
  if (row.source === "line") {
    const line = stripArtefacts(row.cells[0] ?? "");
    const trimmed = line.trim();
    if (trimmed === "") return "blank";
    // One count per line (the commonest number row): no noise or cell splitting to do.
    if (isPlainCount(trimmed) && !row.prose)
      return [
        { kind: "number", value: Number(trimmed), text: trimmed, unit: null, digits: trimmed.length > 1 },
      ];
    if (isNoiseLine(trimmed)) return "noise";
    if (row.prose) return [{ kind: "text", text: trimmed }];
    // The commonest row by far: one cell of text, no tab or pipe.
    if (!line.includes("\t") && !line.includes("|")) return splitCell(trimmed);
    const tokens: Token[] = [];
    for (const cell of splitLine(line)) pushCellTokens(tokens, cell);
    return tokens;
  }
  const cells = row.cells.filter((text): text is string => text !== null);
  if (cells.length === 1 && isNoiseLine(cells[0] ?? "")) return "noise";
  const tokens: Token[] = [];
  row.cells.forEach((text, index) => {
    if (text === null) return;
    const cellTokens = splitCell(text, row.xs?.[index]);
    const right = row.rights?.[index];
    const only = cellTokens.length === 1 ? cellTokens[0] : undefined;
    if (right !== undefined && (only?.kind === "number" || only?.kind === "blank")) only.right = right;
    const own = row.unwrapped?.[index];
    if (own != null) markReading(cellTokens, splitCell(own), "unwrapped");
    const partly = row.unjoined?.[index];
    if (partly != null) markReading(cellTokens, splitCell(partly), "unjoined");
    tokens.push(...cellTokens);
  });
  return tokens;
}

/**
 * Each number of the cell learns its reading from `other`, the cell's text read another way (`unwrapped`: without
 * the lines it wrapped over; `unjoined`: without a line that may be another row's); unknown when the two do not
 * align.
 */
function markReading(
  tokens: readonly Token[],
  other: readonly Token[],
  field: "unwrapped" | "unjoined",
): void {
  const aligned = other.length === tokens.length && other.every((token, i) => token.kind === tokens[i]?.kind);
  tokens.forEach((token, i) => {
    if (token.kind !== "number") return;
    const mine = aligned ? other[i] : undefined;
    if (mine?.kind === "number" && mine.text === token.text) return;
    token[field] =
      mine?.kind === "number" ? { value: mine.value, text: mine.text } : { value: null, text: "" };
  });
}

function splitLine(line: string): string[] {
  if (line.includes("\t")) return line.split("\t");
  if (line.includes("|") && (line.trimStart().startsWith("|") || line.split("|").length > 2))
    return line.split("|");
  return [line];
}
