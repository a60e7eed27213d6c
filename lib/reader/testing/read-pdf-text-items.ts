// What pdf.js itself reads from a PDF, page by page, for tests that check a byte-level rewrite or a pdf.js
// patch changes nothing it sees.
import { getDocumentProxy } from "unpdf";
import { BuiltInCMapFactory } from "@/lib/reader/extract/builtin-cmaps";

export async function readPdfTextItems(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocumentProxy(bytes.slice(), {
    verbosity: 0,
    BinaryDataFactory: BuiltInCMapFactory,
    cMapUrl: "builtin/",
    cMapPacked: false,
  });
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    // Font names carry a per-document counter (g_d3_f1): compare everything else.
    pages.push(JSON.stringify(content.items).replace(/g_d\d+_/g, ""));
  }
  await pdf.destroy();
  return pages;
}
