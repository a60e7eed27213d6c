// GET /pdfjs/<version>/… — the parts of pdf.js the review page's PDF viewer loads at run time, served from our own
// origin (no CDN; the CSP allows only 'self'): its worker, the Adobe CMaps for Chinese fonts and the standard
// fonts. Only those files of the pinned pdfjs-dist package, by an exact name pattern — never a path the
// request makes up. The version in the path (the client's pdf.js version) keeps a cached worker from ever
// meeting another version of the library after an upgrade.
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";

const ROOT = path.join(process.cwd(), "node_modules", "pdfjs-dist");
const VERSION = (JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as { version: string })
  .version;
const ALLOWED =
  /^(?:pdf\.worker\.min\.mjs|cmaps\/[A-Za-z0-9_-]+\.bcmap|standard_fonts\/[A-Za-z0-9_-]+\.(?:pfb|ttf))$/;

export async function GET(
  _request: Request,
  context: { params: Promise<{ path: string[] }> },
): Promise<Response> {
  const [version, ...parts] = (await context.params).path;
  const name = parts.join("/");
  if (version !== VERSION || !ALLOWED.test(name)) return new Response("Not found", { status: 404 });
  const file = name.endsWith(".mjs") ? path.join(ROOT, "build", name) : path.join(ROOT, name);
  const bytes = await readFile(file).catch(() => null);
  if (!bytes) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": name.endsWith(".mjs") ? "text/javascript; charset=utf-8" : "application/octet-stream",
      "Cache-Control": "public, max-age=31536000, immutable",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
