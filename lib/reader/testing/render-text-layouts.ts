// Printed rows → plain text in the layouts real extractions produce: one cell per line with blank-line
// separators (an empty cell = an extra blank line), pipe tables with padding pipes, tab-separated rows with
// drifting leading cells, space-separated PDF text, and web-archive dumps with cells glued together.
// Noise lines (page numbers, share prompts) may be inserted between rows.
import { pick, type Random } from "./generate-report";
import type { PrintedRow } from "./render-text-rows";

export const TEXT_LAYOUTS = ["lines", "spaced-lines", "pipes", "tabs", "pdf-text", "glued"] as const;
export type TextLayout = (typeof TEXT_LAYOUTS)[number];

const NOISE = ["- 3 -", "— 5 —", "扫一扫在手机打开当前页", "第 2 页", "[bookmark: _GoBack]"];

export function renderTextLayout(
  rows: readonly PrintedRow[],
  layout: TextLayout,
  random: Random,
  noise: boolean,
): string {
  const out: string[] = [];
  for (const row of rows) {
    if (noise && random() < 0.08) out.push(...noiseLines(layout, random));
    out.push(...renderRow(row, layout, random));
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
