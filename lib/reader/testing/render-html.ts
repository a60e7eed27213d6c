// A report as a saved government web page: site chrome around an article whose tables use rowspan/colspan
// the way real pages do (group labels spanning their sub-rows, spanning headers).
import {
  buildReportDocument,
  type ReportBlock,
  type ReportTable,
  type ReportToRender,
} from "@/lib/reader/testing/report-document";
import { unmergeGroupLabels, type GroupLabelStyle } from "@/lib/reader/testing/layout-table-grid";

export interface HtmlOptions {
  /** The charset the page declares in its meta tag (the bytes are encoded separately, see encode-text.ts). */
  charset?: string;
  /** Wrap the article in a layout table, as older CMS templates do. */
  layoutTable?: boolean;
  /** Labels covering several rows: rowspan (default), repeated on every row, or blank cells below. */
  groupLabels?: GroupLabelStyle;
  /** Number columns so narrow, in so large a type, that numbers wrap inside their cells when printed. */
  narrowNumbers?: boolean;
  /** Tables printed without ruling lines (borders switched off), as many CMS pages style them. */
  noBorders?: boolean;
}

export function renderHtml(report: ReportToRender, options: HtmlOptions = {}): string {
  const blocks = buildReportDocument(report);
  const title = blocks.find((block) => block.kind === "title")?.text ?? "";
  const style = options.groupLabels ?? "merged";
  const article = blocks
    .map((block) =>
      block.kind === "table"
        ? renderTable(
            unmergeGroupLabels(block.table, style),
            options.narrowNumbers === true,
            options.noBorders,
          )
        : renderBlock(block),
    )
    .join("\n");
  const body = options.layoutTable
    ? `<table class="layout" width="100%"><tr><td class="side">栏目导航</td><td>${article}</td></tr></table>`
    : `<div class="article">${article}</div>`;
  return [
    "<!DOCTYPE html>",
    "<html>",
    `<head><meta charset="${options.charset ?? "utf-8"}"><title>${escapeHtml(title)}</title>`,
    options.noBorders
      ? "<style>table{border-collapse:collapse} td{border:none}"
      : "<style>table{border-collapse:collapse} td{border:1px solid #000}",
    "td.n{width:1.2em;font-size:15pt;word-break:break-all}</style>",
    "<script>var _hmt = _hmt || []; document.write('<table><tr><td>1</td></tr></table>');</script></head>",
    "<body>",
    '<nav class="crumbs">首页 &gt; 政务公开 &gt; 政府信息公开年报</nav>',
    body,
    '<div class="footer">主办单位：人民政府办公室</div>',
    "</body>",
    "</html>",
  ].join("\n");
}

function renderBlock(block: ReportBlock): string {
  switch (block.kind) {
    case "title":
      return `<h1 style="text-align:center">${escapeHtml(block.text)}</h1>`;
    case "heading":
      return `<p><strong>${escapeHtml(block.text)}</strong></p>`;
    case "paragraph":
      return `<p>&nbsp;&nbsp;${escapeHtml(block.text)}</p>`;
    case "table":
      return renderTable(block.table, false, false);
  }
}

function renderTable(table: ReportTable, narrowNumbers: boolean, noBorders = false): string {
  const rows = table.rows.map((row) => {
    const cells = row.map((cell) => {
      const narrow = narrowNumbers && cell.role === "value" ? ' class="n"' : "";
      const spans =
        narrow +
        (cell.rowspan && cell.rowspan > 1 ? ` rowspan="${cell.rowspan}"` : "") +
        (cell.colspan && cell.colspan > 1 ? ` colspan="${cell.colspan}"` : "");
      // Real pages wrap cell text in <p><span> and use &nbsp; for empty cells.
      const text = cell.text === "" ? "&nbsp;" : `<p><span>${escapeHtml(cell.text)}</span></p>`;
      return `<td${spans}>${text}</td>`;
    });
    return `<tr>${cells.join("")}</tr>`;
  });
  const border = noBorders ? "0" : "1";
  return `<table border="${border}" cellspacing="0"><tbody>\n${rows.join("\n")}\n</tbody></table>`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}
