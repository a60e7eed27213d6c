// What one printed cell holds: a number (counts, amounts with decimals or thousands separators, an optional
// unit), a blank (empty, “/”, “—”, “无”), or text (a label). Digit runs are kept as printed so that glued
// cells (“3960181” = 396 | 0 | 181) can be split later by the report's own sums.

export type CellValue =
  | { kind: "number"; value: number; text: string; unit: string | null; digits: boolean }
  | { kind: "blank"; text: string }
  | { kind: "text"; text: string };

const BLANK_MARKS = new Set(["", "/", "\\", "-", "—", "——", "–", "－", "无", "空", "×", "x", "X", "*"]);
const NUMBER = /^([+-]?)(\d+(?:\.\d+)?)(万元|元|件|个|项|条|宗|次)?$/;

/** The ideographs a number (units, 零 〇) or a blank mark (无 空) may hold. */
const VALUE_IDEOGRAPHS = new Set([..."万元件个项条宗次无空零〇"]);
const ANY_DIGIT = /[0-9０-９零〇]/;

export function parseCellValue(raw: string): CellValue {
  // The commonest cell by far: a plain count such as "0" — no normalisation needed.
  if (isPlainCount(raw))
    return { kind: "number", value: Number(raw), text: raw, unit: null, digits: raw.length > 1 };
  // A label: longer than any blank mark and without a digit, it needs no normalising to be told apart.
  if (raw.length > 3 && !ANY_DIGIT.test(raw)) return { kind: "text", text: raw };
  // A label with an ordinal (“1.属于国家秘密”): a CJK ideograph that no number, unit or blank mark holds survives
  // NFKC unchanged, so the cell can only be text — skip normalising it (the costliest step here).
  if (hasWordIdeograph(raw)) return { kind: "text", text: raw };
  const text = raw.normalize("NFKC").replace(/[\s\u00a0\u3000]+/g, "");
  if (BLANK_MARKS.has(text)) return { kind: "blank", text: raw };
  if (text === "零" || text === "〇")
    return { kind: "number", value: 0, text: raw.trim(), unit: null, digits: false };
  const plain = /^\d{1,3}(,\d{3})+(\.\d+)?/.test(text) ? text.replace(/,/g, "") : text;
  const match = NUMBER.exec(plain);
  if (!match) return { kind: "text", text: raw };
  const magnitude = Number(match[2]);
  if (!Number.isFinite(magnitude)) return { kind: "text", text: raw };
  const value = match[1] === "-" ? -magnitude : magnitude;
  // Glued cells show as a run of two or more digits, possibly signed (2019 本年增/减) or ending in an amount.
  const digits = match[1] !== "+" && match[3] === undefined && /^\d{2,}(?:\.\d+)?$/.test(match[2] ?? "");
  return { kind: "number", value, text: raw.trim(), unit: match[3] ?? null, digits };
}

/**
 * /^\d{1,9}$/ by hand: one to nine ASCII digits. Asked of nearly every cell and line of a report, where a loop
 * over a few code units costs a fraction of a regular expression's call.
 */
export function isPlainCount(text: string): boolean {
  const length = text.length;
  if (length === 0 || length > 9) return false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x30 || code > 0x39) return false;
  }
  return true;
}

/** A CJK unified ideograph (U+4E00–U+9FFF, which NFKC leaves as it is) that is none of VALUE_IDEOGRAPHS. */
function hasWordIdeograph(raw: string): boolean {
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    if (code >= 0x4e00 && code <= 0x9fff && !VALUE_IDEOGRAPHS.has(raw[i]!)) return true;
  }
  return false;
}
