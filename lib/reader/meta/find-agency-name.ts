// The agency as printed when the title does not name it: the body's opening (“2023年,沾益区发改局以…”),
// “本报告由…办公室根据…编制”, or a 来源 field of the web page.
import { compact } from "./find-report-title";

const OPENING =
  /^\d{4}年(?:度|以来)?[,，]?(.{2,25}?)(?:以|坚持|认真|在|始终|紧紧|全面|深入|按照|严格|围绕|积极|持续|不断|高度|进一步|扎实|切实|紧扣|聚焦|深化)/;
const COMPILED_BY = /本(?:年度)?报告(?:是)?由(.{2,30}?)(?:办公室|办)?(?:根据|依据|按照)/;
const SOURCE = /来源[:：]([^\s:：|]{2,25})/;
const OPENING_LINES = 12;
const REJECT = /我|本(?:局|镇|乡|街道|单位|机关)|全(?:区|县|市|镇|乡)|政府信息|工作|年度/;

export function findAgencyName(lines: readonly string[]): string | null {
  const body: string[] = [];
  for (const line of lines) {
    if (body.length >= OPENING_LINES) break;
    const text = compact(line);
    if (text !== "") body.push(text);
  }
  for (const line of body) {
    const opening = OPENING.exec(line)?.[1];
    if (opening && !REJECT.test(opening)) return opening;
  }
  for (const line of body) {
    const compiled = COMPILED_BY.exec(line)?.[1];
    if (compiled && !REJECT.test(compiled)) return compiled;
  }
  for (const raw of lines.slice(0, OPENING_LINES * 2)) {
    const source = SOURCE.exec(raw.normalize("NFKC"))?.[1];
    if (source && !REJECT.test(source)) return source;
  }
  return null;
}
