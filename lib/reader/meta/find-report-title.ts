// The report's title: “<agency><year>年(度)政府信息公开工作年度报告”, “<year>年度<agency>政府信息公开…”, possibly
// wrapped over two lines, or with the agency alone on the line above (PDF title pages).

export interface ReportTitle {
  /** Agency name as printed in the title; null when the title does not name it. */
  agency: string | null;
  year: number | null;
  /** Index of the (last) title line. */
  line: number;
}

/** Titles sit at the top: site chrome and a few header lines at most. */
const TITLE_SEARCH_LINES = 40;
const TITLE_LINE = /信息公开.{0,8}(?:年度报告|年报|工作报告)|年度报告$/;
const AGENCY_FIRST = /^(.*?)(\d{4})年度?(?:的)?(?:政府|政务)?信息公开/;
const YEAR_ONLY = /^(\d{4})年度?(?:的)?(?:政府|政务)?信息公开/;
const YEAR_FIRST = /^(\d{4})年度?(.+?)(?:政府|政务)?信息公开/;
const AGENCY_LINE =
  /(?:人民政府|政府|办事处|街道|局|委员会|委|办公室|办|镇|乡|中心|院|署|厅|管委会|管理委员会|区|县|市|旗)$/;

export function findReportTitle(lines: readonly string[]): ReportTitle | null {
  let previous = "";
  let seen = 0;
  for (let i = 0; i < lines.length && seen < TITLE_SEARCH_LINES; i++) {
    let line = compact(lines[i] ?? "");
    if (line === "") continue;
    seen++;
    // A long title wrapped just before its end (“…工作年度” / “报告”): the short rest joins it.
    if (!TITLE_LINE.test(line) && line.includes("信息公开")) {
      const next = nextLine(lines, i);
      if (next && next.text.length <= WRAPPED_TAIL_CHARS && TITLE_LINE.test(line + next.text)) {
        line += next.text;
        i = next.index;
      }
    }
    if (TITLE_LINE.test(line) && line.length <= 60) {
      const title = parseTitle(line) ?? parseTitle(previous + line);
      if (title) {
        if (title.agency === null && AGENCY_LINE.test(previous) && previous.length <= 30)
          title.agency = previous;
        if (title.agency === null) title.agency = agencyBelow(lines, i);
        return { agency: title.agency, year: title.year, line: i };
      }
    }
    previous = line;
  }
  return null;
}

const WRAPPED_TAIL_CHARS = 10;

function nextLine(lines: readonly string[], index: number): { text: string; index: number } | null {
  for (let j = index + 1; j < lines.length; j++) {
    const text = compact(lines[j] ?? "");
    if (text !== "") return { text, index: j };
  }
  return null;
}

/** “2023年政府信息公开工作年度报告” with the agency on the line below (“XX县人民政府办公室”). */
function agencyBelow(lines: readonly string[], index: number): string | null {
  for (let j = index + 1; j < Math.min(lines.length, index + 4); j++) {
    const line = compact(lines[j] ?? "");
    if (line === "") continue;
    return AGENCY_LINE.test(line) && line.length <= 30 ? line : null;
  }
  return null;
}

function parseTitle(text: string): { agency: string | null; year: number } | null {
  const bare = YEAR_ONLY.exec(text);
  if (bare) return { agency: null, year: Number(bare[1]) };
  const yearFirst = YEAR_FIRST.exec(text);
  if (yearFirst && yearFirst.index === 0 && /^\d{4}年/.test(text))
    return { agency: cleanAgency(yearFirst[2] ?? ""), year: Number(yearFirst[1]) };
  const agencyFirst = AGENCY_FIRST.exec(text);
  if (agencyFirst) return { agency: cleanAgency(agencyFirst[1] ?? ""), year: Number(agencyFirst[2]) };
  return null;
}

function cleanAgency(text: string): string | null {
  // Breadcrumbs and site names before the title (首页>政务公开>…) are not part of the name.
  const last = text.split(/[>＞»|｜:：]/).pop() ?? text;
  const agency = last.replace(/^[《“"【\[]+|^关于|关于$|的$|[》”"】\]]+$/g, "");
  return agency.length >= 2 ? agency : null;
}

export function compact(line: string): string {
  return chineseYears(line.normalize("NFKC").replace(/[\s\u00a0\u3000]+/g, ""));
}

const CHINESE_DIGITS = "〇一二三四五六七八九";

/** “二〇二三年” → “2023年”: some titles print the year in Chinese numerals. */
function chineseYears(text: string): string {
  if (!text.includes("〇") && !text.includes("零")) return text;
  return text.replace(/[〇零一二三四五六七八九]{4}(?=年)/g, (year) =>
    [...year]
      .map((char) => String(Math.max(0, CHINESE_DIGITS.indexOf(char === "零" ? "〇" : char))))
      .join(""),
  );
}
