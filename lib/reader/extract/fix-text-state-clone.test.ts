import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fixTextStateClone } from "@/lib/reader/extract/fix-text-state-clone";
import { readPdfTextItems as readText } from "@/lib/reader/testing/read-pdf-text-items";

const SAMPLE = new Uint8Array(
  fs.readFileSync(path.join(import.meta.dirname, "../fixtures/samples/hongze_district_2024.pdf")),
);

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
