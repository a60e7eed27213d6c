// Lines that are not part of the report: page numbers, print/share chrome, Word artefacts. Dropped before
// table reading so a page number never becomes a cell value.

const PAGE_NUMBERS = [
  /^[-—–－_~]+\s*\d{1,3}\s*[-—–－_~]+$/,
  /^第?\s*\d{1,3}\s*页(?:\s*[,，]?\s*共\s*\d{1,3}\s*页)?$/,
  /^\d{1,3}\s*[/／]\s*\d{1,3}$/,
];
const CHROME =
  /扫一扫在手机打开当前页|打印本页|关闭窗口|【打印】|【关闭】|分享到|字号：|字体[:：]|点击下载此文件|当前位置[:：]|您当前的位置/;

/** Every chrome phrase holds one of these: most lines are ruled out by one character scan. */
const CHROME_CHARS = /[扫打关【分字点当您]/;
const DIGIT = /\d/;

export function isNoiseLine(line: string): boolean {
  const text = line.trim();
  if (text === "" || text.length > 80) return false;
  // Page numbers hold a digit and something else; a bare count (“12”) is a cell, never a page number.
  if (text.length < 16 && DIGIT.test(text) && !PLAIN_NUMBER.test(text))
    if (PAGE_NUMBERS.some((pattern) => pattern.test(text))) return true;
  return CHROME_CHARS.test(text) && CHROME.test(text);
}

const PLAIN_NUMBER = /^\d+$/;

/** Word's hidden bookmark markers (“[bookmark: _GoBack]”) glued to real text. */
export function stripArtefacts(line: string): string {
  return line.includes("[bookmark:") ? line.replace(/\[bookmark:[^\]]*\]/g, "") : line;
}
