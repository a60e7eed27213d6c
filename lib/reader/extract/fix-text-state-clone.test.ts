import fs from "node:fs";
import path from "node:path";
import { getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { fixTextStateClone } from "@/lib/reader/extract/fix-text-state-clone";
import { BuiltInCMapFactory } from "@/lib/reader/extract/builtin-cmaps";

const SAMPLE = new Uint8Array(
  fs.readFileSync(path.join(import.meta.dirname, "../fixtures/samples/hongze_district_2024.pdf")),
);

async function readText(bytes: Uint8Array): Promise<string[]> {
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

describe("fixTextStateClone", () => {
  it("recognises the bundled pdf.js (an upgrade that changes clone makes PDFs slow again)", async () => {
    const before = await readText(SAMPLE);
    expect(await fixTextStateClone()).toBe(true);
    expect(await fixTextStateClone()).toBe(true);
    expect(await readText(SAMPLE)).toEqual(before);
  });

  it("leaves Object.create as it was", async () => {
    await fixTextStateClone();
    expect(String(Object.create)).toContain("[native code]");
  });
});
