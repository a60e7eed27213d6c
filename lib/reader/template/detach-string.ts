// A copy of a string that keeps nothing else alive. V8 cuts substrings (split, slice, regex groups) as views
// into the string they come from, so a line of a document kept in a module-level memo keeps the whole
// document's text alive with it: the label memos kept ≈ 3 KB per file read, in every reader thread, until
// they reached their bound (≈ 10,000 files, ≈ 30 MB) — old-generation garbage for V8 to mark again and
// again. Memo keys and values go through this; the copy costs a microsecond, once per new entry.
//   memo.set(detachString(label), detachString(normal));
export function detachString(text: string): string {
  // The concatenation is flattened into a new string by the slice, which then views only that string.
  return ` ${text}`.slice(1);
}
