// The statistics year: from the title, else the statistics period, else the first “NNNN年” of the body —
// never the publication date (发布时间, 印发日期 …).
import { compact } from "./find-report-title";

const PERIOD = /统计(?:期限|时限|时间|期间|区间|范围)?(?:为|是)?(?:自|从)?(\d{4})年/;
const ANY_YEAR = /(\d{4})年/;
const DATE_LINE = /发布(?:时间|日期)|印发|成文日期|来源[:：]|更新时间|浏览次数|日期[:：]/;
const FIRST_YEAR = 2008;

export function findReportYear(lines: readonly string[]): number | null {
  let first: number | null = null;
  for (const raw of lines) {
    if (!raw.includes("年")) continue;
    // Years inside titles of laws (《…条例》（2019年修订）) are not the report's.
    const line = compact(raw).replace(/《[^》]*》|[(（][^)）]*(?:修订|修正|颁布|施行)[^)）]*[)）]/g, "");
    if (DATE_LINE.test(line)) continue;
    const period = PERIOD.exec(line);
    if (period && isPlausibleYear(Number(period[1]))) return Number(period[1]);
    const match: RegExpExecArray | null = first === null ? ANY_YEAR.exec(line) : null;
    if (match && isPlausibleYear(Number(match[1]))) first = Number(match[1]);
  }
  return first;
}

function isPlausibleYear(year: number): boolean {
  return year >= FIRST_YEAR && year <= new Date().getUTCFullYear() + 1;
}
