// A report as OCR tools and document converters write it in Markdown: headings for the title and sections,
// and either whole pipe tables or — the harder form — each table row as its own small table under a heading
// that carries the row's label, with generic column headers (类别 | 数据1 … 数据6 | 总计), the header rows as
// tables of their own, “-” for an empty cell, and sentences with numbers beside the tables.
import { pick, type Random } from "./generate-report";
import { buildReportDocument, type ReportTable, type ReportToRender } from "./report-document";
import { placeTableCells } from "./layout-table-grid";

export type MarkdownStyle = "tables" | "row-tables";

export interface MarkdownOptions {
  style: MarkdownStyle;
  /** The first cell of a row table: a generic word, empty, the label again, or no label column at all. */
  rowLabel: "数量" | "" | "repeat" | "none";
  /** Sentences with numbers between the row tables (never table cells). */
  prose: boolean;
}

export function renderMarkdown(report: ReportToRender, options: MarkdownOptions, random: Random): string {
  const out: string[] = [];
  for (const block of buildReportDocument(report)) {
    if (block.kind === "title") out.push(`# ${block.text}`, "");
    else if (block.kind === "heading") out.push(`## ${block.text}`, "");
    else if (block.kind === "paragraph") out.push(block.text, "");
    else if (options.style === "tables") out.push(...pipeTable(toGrid(block.table)), "");
    else out.push(...rowTables(toGrid(block.table), options, random));
  }
  return out.join("\n");
}

interface GridRow {
  labels: string[];
  values: string[];
  header: boolean;
}

/** The table as rows of labels and values, merged cells repeated in each row they cover (as converters do). */
function toGrid(table: ReportTable): GridRow[] {
  const rows: GridRow[] = table.rows.map(() => ({ labels: [], values: [], header: true }));
  const placed = placeTableCells(table).sort((a, b) => a.column - b.column);
  for (const cell of placed) {
    for (let row = cell.row; row < cell.row + cell.rowspan; row++) {
      const target = rows[row]!;
      if (cell.cell.role === "value") {
        target.header = false;
        target.values.push(cell.cell.text);
      } else if (cell.cell.role === "label") {
        target.header = false;
        if (!target.labels.includes(cell.cell.text)) target.labels.push(cell.cell.text);
      } else if (row === cell.row) target.labels.push(cell.cell.text);
    }
  }
  return rows;
}

function pipeTable(rows: readonly GridRow[]): string[] {
  const lines = rows.map((row) => `| ${[...row.labels, ...row.values.map(dash)].join(" | ")} |`);
  const width = Math.max(...rows.map((row) => row.labels.length + row.values.length));
  lines.splice(1, 0, `|${" --- |".repeat(width)}`);
  return lines;
}

function rowTables(rows: readonly GridRow[], options: MarkdownOptions, random: Random): string[] {
  const out: string[] = [];
  let group = "";
  for (const row of rows) {
    if (row.header) {
      // Header rows come out as small tables of their own.
      out.push(`| ${row.labels.join(" | ")} |`, `|${" --- |".repeat(row.labels.length)}`, "");
      continue;
    }
    if (row.values.length === 15) {
      const heads = row.values.map((_, index) => `数据${index + 1}`);
      out.push(
        `| ${heads.join(" | ")} |`,
        `|${" --- |".repeat(15)}`,
        `| ${row.values.map(dash).join(" | ")} |`,
        "",
      );
      continue;
    }
    const labels = row.labels.filter((label) => label !== "");
    const label = labels.at(-1) ?? "";
    const outer = labels.length > 1 ? labels.at(-2)! : "";
    if (outer !== "" && outer !== group) out.push(`### ${outer}`, "");
    group = outer;
    out.push(`${outer === "" ? "###" : "####"} ${label}`, "");
    if (options.prose && row.values.length === 7 && random() < 0.3)
      out.push(proseBeside(label, row.values, random), "");
    const heads = row.values.map((_, index) =>
      index === row.values.length - 1 && row.values.length === 7 ? "总计" : `数据${index + 1}`,
    );
    const first = options.rowLabel === "repeat" ? label : options.rowLabel;
    const head = options.rowLabel === "none" ? heads : ["类别", ...heads];
    const data = options.rowLabel === "none" ? row.values.map(dash) : [first, ...row.values.map(dash)];
    out.push(`| ${head.join(" | ")} |`, `|${" --- |".repeat(head.length)}`, `| ${data.join(" | ")} |`, "");
    if (options.prose && random() < 0.15)
      out.push(pick(random, ["注：数据来源于本机关统计。", "（单位：件）"]), "");
  }
  return out;
}

/** A sentence with the row's numbers, as OCR keeps from the text around a table: never the table's cells. */
function proseBeside(label: string, values: readonly string[], random: Random): string {
  const total = values.at(-1) || "0";
  return pick(random, [
    `本项合计${total}件，其中自然人${values[0] || 0}件。`,
    `${label.replace(/^[（(]?[一二三四五六七八九十\d]+[)）、.]?/, "")}${total}`,
    `合计 ${total}`,
  ]);
}

function dash(text: string): string {
  return text === "" ? "-" : text;
}
