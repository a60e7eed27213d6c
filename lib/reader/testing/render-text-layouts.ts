// Printed rows → plain text in the layouts real extractions produce: one cell per line with blank-line
// separators (an empty cell = an extra blank line), pipe tables with padding pipes, tab-separated rows with
// drifting leading cells, space-separated PDF text, and web-archive dumps with cells glued together.
// Noise lines (page numbers, share prompts) may be inserted between rows.
import { pick, type Random } from "./generate-report";
import type { PrintedRow } from "./render-text-rows";

export const TEXT_LAYOUTS = [
  "lines",
  "spaced-lines",
  "pipes",
  "tabs",
  "pdf-text",
  "pdf-wrapped",
  "glued",
] as const;
export type TextLayout = (typeof TEXT_LAYOUTS)[number];

const NOISE = ["- 3 -", "— 5 —", "扫一扫在手机打开当前页", "第 2 页", "[bookmark: _GoBack]"];

export function renderTextLayout(
  rows: readonly PrintedRow[],
  layout: TextLayout,
  random: Random,
  noise: boolean,
): string {
  const out: string[] = [];
  let pendingGroup: string | null = null;
  for (const row of rows) {
    if (noise && random() < 0.08) out.push(...noiseLines(layout, random));
    if (layout !== "pdf-wrapped" || row.prose || row.values.length === 0) {
      out.push(...renderRow(row, layout, random));
      continue;
    }
    // PDF text: a group label sits in the middle of its sub-rows, long labels wrap around their numbers.
    const labels = [...row.labels];
    if (labels.length > 1) pendingGroup = labels.shift() ?? null;
    out.push(
      ...wrapRow(
        labels.join(""),
        row.values.map((value) => (value.text === "" ? "/" : value.text)),
        random,
      ),
    );
    if (pendingGroup !== null && labels.length === 1 && row.labels.length > 1) continue;
    if (pendingGroup !== null) {
      out.push(pendingGroup);
      pendingGroup = null;
    }
  }
  return out.join("\n");
}

function noiseLines(layout: TextLayout, random: Random): string[] {
  const line = pick(random, NOISE);
  if (layout === "lines") return [line, ""];
  if (layout === "spaced-lines") return [line, "", "  ", ""];
  return [line];
}

function renderRow(row: PrintedRow, layout: TextLayout, random: Random): string[] {
  if (row.prose)
    return layout === "lines" || layout === "spaced-lines" ? [row.labels.join(""), ""] : row.labels;
  const values = row.values.map((value) => value.text);
  switch (layout) {
    case "lines":
      return cellLines([...row.labels, ...values], [""]);
    case "spaced-lines":
      return cellLines([...row.labels, ...values], ["", "  ", ""]);
    case "pipes": {
      const cells = [...row.labels, ...values.map((text) => (text === "" ? pick(random, ["", "/"]) : text))];
      return [`${cells.join(" | ")} |${" |".repeat(1 + Math.floor(random() * 3))}|`];
    }
    case "tabs": {
      const lead = Array.from({ length: Math.floor(random() * 3) }, () => "");
      const gap = row.labels.length > 0 && random() < 0.4 ? [""] : [];
      const cells = [...values.map((text) => (text === "" ? pick(random, ["", "—"]) : text))];
      const trail = random() < 0.5 ? [""] : [];
      return [[...lead, ...row.labels, ...gap, ...cells, ...trail].join("\t")];
    }
    case "pdf-wrapped":
    case "pdf-text":
      return [[...row.labels, ...values.map((text) => (text === "" ? "/" : text))].join(" ")];
    case "glued": {
      const plain = values.every((text) => /^\d+$/.test(text));
      return [row.labels.join("") + (plain ? values.join("") : ` ${values.join(" ")}`)];
    }
  }
}

/** One cell per line; an empty cell prints as one more separator's worth of blank lines (seed 000). */
function cellLines(cells: readonly string[], separator: readonly string[]): string[] {
  const lines: string[] = [];
  for (const cell of cells) lines.push(...(cell === "" ? [] : [cell]), ...separator);
  return lines;
}

/** A label wrapped over two lines, its numbers on the first, the second or a line of their own between. */
function wrapRow(label: string, values: readonly string[], random: Random): string[] {
  const numbers = values.join(" ");
  if (label.length < 10) return [`${label} ${numbers}`];
  const cut = Math.floor(label.length / 2);
  const [head, tail] = [label.slice(0, cut), label.slice(cut)];
  const style = Math.floor(random() * 3);
  if (style === 0) return [`${head} ${numbers}`, tail];
  if (style === 1) return [head, `${tail} ${numbers}`];
  return [head, numbers, tail];
}
