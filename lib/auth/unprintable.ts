// Characters no name, email or label needs, and which can mislead a reader: control characters (NUL
// breaks PostgreSQL text), invisible ones (zero-width space, joiner) and direction overrides (U+202E
// shows "moc.live" as "evil.com"). Input containing them is refused; logged text shows them as \u{…}.
const UNPRINTABLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
const UNPRINTABLE_ALL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu;

export function hasUnprintable(text: string): boolean {
  return UNPRINTABLE.test(text);
}

export function showUnprintable(text: string): string {
  return text.replace(UNPRINTABLE_ALL, (char) => `\\u{${char.codePointAt(0)!.toString(16)}}`);
}
