// Text whose line breaks were lost (web-page text copied or scraped, archive dumps): the report is one long
// paragraph, the tables' labels and numbers glued together (“…申请数量121000013二、上年结转…”). The breaks are
// put back where the template starts something new — section headings, the title's end, sentence ends, row
// labels with their ordinals, table 二's row names — and inside the tables a row's numbers are set apart from its
// label, blank marks from the digits. The glued digits themselves are split later by the tables' own sums.
import type { TextRow } from "@/lib/reader/types";

/** A section heading of the template (一、总体情况 … 六、其他需要报告的事项). */
const SECTION =
  "[一二三四五六七]\\s*[、.．]\\s*(?:总体情况|概述|主动公开|收到和处理|政府信息公开行政复议|因政府信息公开工作被申请|政府信息公开工作存在|存在的主要问题|其他需要报告)";
/** 表三's numbered rows 一、本年新收 · 二、上年结转 · 三、本年度办理结果 · 四、结转下年度 (and their misprints). */
const T3_NUMBERED = "[一二三四]\\s*[、.．]\\s*(?:本年|上年|上半年|结转)";
/** The first words of 表三's numbered sub-rows (1.属于国家秘密 … 3.其他), as the template prints them. */
const SUB_ROW = "[1-8]\\s*[.、．]\\s*(?:属于|其他|危及|保护|本机关|没有|补正|信访|重复|要求|无正当|申请人)";
const ORDINAL_IN_BRACKETS = "[（(]\\s*[一二三四五六七八九十]{1,2}\\s*[)）]";
const T2_ROW =
  "行政规范性文件|(?<!行政)规范性文件|规章|行政许可|其他对外管理服务事项|行政处罚|行政强制|行政事业性收费|政府集中采购|第二十条";
const META = "发布(?:时间|日期|机构)|信息来源|来源[:：]|浏览次数|字号[:：]|索引号|成文日期";
/** Site chrome glued into the text: cut out as lines of its own, which noise filtering then drops. */
const CHROME = "扫一扫在手机打开当前页|打印本页|关闭窗口|【打印】|【关闭】";
const HEADING_END =
  "总体情况|主动公开政府信息情况|政府信息公开申请情况|行政诉讼情况|改进情况|需要报告的事项|(?:政府|政务)?信息公开(?:工作)?年度报告";

/** Where a new line starts: before a heading, row label or field; after a sentence or a heading. */
const BREAK = new RegExp(
  [
    `(?=${SECTION}|${T3_NUMBERED}|${SUB_ROW}|${META}|${T2_ROW}|${CHROME})`,
    `(?<!第)(?=${ORDINAL_IN_BRACKETS})`,
    `(?<=[。；！？]|${HEADING_END}|${CHROME})(?=[^。；！？，,、）)】》”"\\s])`,
  ].join("|"),
  "gu",
);

/** Signs that a line holds what should have been several: a later section heading inside it, or a row label
 * straight after the previous row's digits. */
const INNER_SECTION = new RegExp(
  `(?<=\\S)[^\\S\\n]*(?:${SECTION.replace("[一二三四五六七]", "[二三四五六]")})`,
  "u",
);
const ROW_AFTER_DIGITS = new RegExp(
  `\\d\\s*(?:${T3_NUMBERED}|${SUB_ROW}|${ORDINAL_IN_BRACKETS}\\s*(?:予以|部分|不予|无法|其他|总计))`,
  "u",
);
/** Lines shorter than this hold one row at most. */
const MIN_GLUED_CHARS = 40;

const TABLE_START =
  /^(?:二\s*[、.．]\s*主动公开|第二十条|三\s*[、.．]\s*收到和处理|一\s*[、.．]\s*本年度?新收)/u;
const TABLE_END = /^[五六]\s*[、.．]/u;
/** A row's printed cells at the end of a piece: digits, decimals, blank marks, with or without spaces. */
const TRAILING_CELLS = /^(.*?[^\d\s.,/／—–－-])\s*([\d\s.,/／—–－-]*\d[\d\s.,/／—–－-]*)$/u;

export function restoreLineBreaks(rows: TextRow[]): TextRow[] {
  if (!rows.some(isGluedRow)) return rows;
  const restored: TextRow[] = [];
  let inTable = false;
  for (const row of rows) {
    if (!isGluedRow(row)) {
      restored.push(row);
      continue;
    }
    for (const piece of splitGluedLine(row.cells[0] ?? "")) {
      if (TABLE_START.test(piece)) inTable = true;
      else if (TABLE_END.test(piece)) inTable = false;
      restored.push({ cells: [inTable ? setCellsApart(piece) : piece], source: "line" });
    }
  }
  return restored;
}

function isGluedRow(row: TextRow): boolean {
  if (row.source !== "line") return false;
  const line = row.cells[0] ?? "";
  return line.length >= MIN_GLUED_CHARS && (ROW_AFTER_DIGITS.test(line) || INNER_SECTION.test(line));
}

function splitGluedLine(line: string): string[] {
  const pieces: string[] = [];
  let start = 0;
  for (const match of line.matchAll(BREAK)) {
    if (match.index <= start) continue;
    pieces.push(line.slice(start, match.index));
    start = match.index;
  }
  pieces.push(line.slice(start));
  // Only spaces are trimmed: tabs and pipes at a row's ends are its empty cells.
  return pieces
    .map((piece) => piece.replace(/^[ \u3000]+|[ \u3000]+$/g, ""))
    .filter((piece) => piece.trim() !== "");
}

/**
 * “规章0457” → “规章 0457”; “予以公开2/01005” → “予以公开 2 / 01005”: the label and each blank mark become cells of
 * their own, the digit runs stay glued for the sums to split. Rows with real separators are left alone.
 */
function setCellsApart(piece: string): string {
  if (piece.includes("\t") || piece.includes("|")) return piece;
  const match = TRAILING_CELLS.exec(piece);
  if (!match) return piece;
  const cells = (match[2] ?? "")
    // Blank marks become cells of their own; a minus sign (2019 本年增/减) starts one.
    .replace(/[/／—–－]+|-(?!\d)/gu, " $& ")
    .replace(/-(?=\d)/gu, " -")
    .replace(/\s+/g, " ")
    .trim();
  return `${match[1]} ${cells}`;
}
