// PDFs as real producers print them, for tests: LibreOffice (from the DOCX renderer, a whole batch in one run) and
// Chromium's print to PDF (from the HTML renderer, one browser for the batch). Each is used only when installed:
// findLibreOffice() / findChromium() tell the tests whether to run or to skip with a reason.
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { convertWithLibreOffice, findLibreOffice } from "@/lib/reader/extract/convert-with-libreoffice";

export { findLibreOffice };

const CHROMIUM_PATHS = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

export function findChromium(): string | null {
  return CHROMIUM_PATHS.find((file) => existsSync(file)) ?? null;
}

export interface Printable {
  name: string;
  bytes: Uint8Array;
}

/** Documents (e.g. .docx) → PDFs by name stem, in one LibreOffice run. */
export async function printWithLibreOffice(
  documents: readonly Printable[],
): Promise<Map<string, Uint8Array>> {
  const libreOffice = findLibreOffice();
  if (!libreOffice) throw new Error("LibreOffice (soffice) is not installed");
  const conversion = await convertWithLibreOffice({
    libreOffice,
    files: documents,
    format: "pdf",
    timeoutMs: 5 * 60_000,
  });
  return byStem(conversion.files);
}

/** Documents → another office format (e.g. "doc"), by name stem, in one LibreOffice run. */
export async function convertDocuments(
  documents: readonly Printable[],
  format: string,
): Promise<Map<string, Uint8Array>> {
  const libreOffice = findLibreOffice();
  if (!libreOffice) throw new Error("LibreOffice (soffice) is not installed");
  return byStem(
    (await convertWithLibreOffice({ libreOffice, files: documents, format, timeoutMs: 5 * 60_000 })).files,
  );
}

/** HTML pages → PDFs (A4, Chromium's print to PDF), by name, with scripts off as a saved page prints. */
export async function printWithChromium(
  pages: readonly { name: string; html: string }[],
): Promise<Map<string, Uint8Array>> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error("Chromium is not installed");
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    const printed = new Map<string, Uint8Array>();
    for (const { name, html } of pages) {
      await page.setContent(html, { waitUntil: "load" });
      printed.set(
        name,
        new Uint8Array(await page.pdf({ format: "A4", margin: { top: "2cm", bottom: "2cm" } })),
      );
    }
    return printed;
  } finally {
    await browser.close();
  }
}

function byStem(files: ReadonlyMap<string, Uint8Array>): Map<string, Uint8Array> {
  return new Map([...files].map(([name, bytes]) => [name.replace(/\.[^.]+$/, ""), bytes]));
}
