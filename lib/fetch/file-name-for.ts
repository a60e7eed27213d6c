// The file name a fetched file is stored under: the server's Content-Disposition name, else the URL's last
// path segment, with an extension from the content type when it has none (the reader tells types by their
// bytes first; the name is what people see in lists).
//   fileNameFor(new URL("https://a.gov.cn/col/123/"), "text/html", null) → "123.html"
const EXTENSIONS: Record<string, string> = {
  "text/html": ".html",
  "application/xhtml+xml": ".html",
  "application/pdf": ".pdf",
  "application/msword": ".doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
  "text/plain": ".txt",
};

const MAX_NAME_CHARS = 200;

export function fileNameFor(url: URL, contentType: string | null, disposition: string | null): string {
  const named = nameFromDisposition(disposition) ?? lastSegment(url) ?? url.hostname;
  const clean = named.replace(/[\\/:*?"<>|\u0000-\u001f]/g, "_").slice(0, MAX_NAME_CHARS);
  if (/\.[a-z0-9]{2,5}$/i.test(clean)) return clean;
  const type = contentType?.split(";")[0]?.trim().toLowerCase() ?? "";
  return `${clean}${EXTENSIONS[type] ?? ""}`;
}

function nameFromDisposition(disposition: string | null): string | null {
  if (!disposition) return null;
  const extended = /filename\*\s*=\s*(?:utf-8|UTF-8)''([^;]+)/.exec(disposition);
  const plain = /filename\s*=\s*"?([^";]+)"?/.exec(disposition);
  const raw = extended?.[1] ?? plain?.[1];
  if (!raw) return null;
  return safeDecode(raw.trim()) || null;
}

function lastSegment(url: URL): string | null {
  const segments = url.pathname.split("/").filter(Boolean);
  const last = segments.at(-1);
  return last ? safeDecode(last) : null;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
