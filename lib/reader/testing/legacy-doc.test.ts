// Legacy Word (.doc) and WPS (.wps) round trip: seed reports rendered as Word files, saved as .doc and as .wps by
// LibreOffice (one run per format), read back through readReport — which converts them with LibreOffice again —
// to their truth. A .wps here is what WPS Office (Kingsoft) writes: the Word 97 binary format (an OLE file with
// a WordDocument stream) under the .wps name; LibreOffice lists .wps among that filter's names and saves it so.
// (The older Microsoft Works .wps it can only import, not write: no such file is made here.) Needs LibreOffice
// (CI installs it); skipped, saying so, without.
import fs from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { TemplateVersion } from "@/lib/reader/types";
import { renderDocx } from "@/lib/reader/testing/render-docx";
import { readReportStrictly } from "@/lib/reader/testing/read-report-strictly";
import { convertDocuments, findLibreOffice } from "./print-pdf";

interface TruthReport {
  file: string;
  agency: { as_printed: string };
  year: number;
  template: TemplateVersion;
  cells: Record<string, number | null>;
  also_ok?: Record<string, number> | null;
}

const seeds = (
  JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "../fixtures/seed-truth.json"), "utf8")) as {
    reports: TruthReport[];
  }
).reports;
// One report of each template version.
const chosen = [
  seeds.find((truth) => truth.template === "2019")!,
  seeds.find((truth) => truth.template === "2021")!,
];
const libreOffice = findLibreOffice();
const FORMATS = ["doc", "wps"] as const;
type Format = (typeof FORMATS)[number];

describe.skipIf(!libreOffice)(
  `legacy Word .doc and WPS .wps files${libreOffice ? "" : " — skipped: LibreOffice (soffice) not installed; apt-get install libreoffice-writer-nogui"}`,
  () => {
    const saved = new Map<Format, Map<string, Uint8Array>>();
    beforeAll(async () => {
      const documents = await Promise.all(
        chosen.map(async (truth, index) => ({
          name: `seed-${index}.docx`,
          bytes: await renderDocx({
            template: truth.template,
            agency: truth.agency.as_printed,
            year: truth.year,
            cells: truth.cells,
          }),
        })),
      );
      for (const format of FORMATS) saved.set(format, await convertDocuments(documents, format));
    }, 300_000);

    it.each(FORMATS.flatMap((format) => chosen.map((truth, index) => [truth.file, format, index] as const)))(
      "%s saved as .%s reads back to its truth",
      async (_file, format, index) => {
        const truth = chosen[index]!;
        const bytes = saved.get(format)?.get(`seed-${index}`);
        if (!bytes) throw new Error(`LibreOffice saved no .${format}`);
        // A real .doc (and WPS Office's .wps) is an OLE file holding a WordDocument stream, not the Word XML it
        // was made from.
        expect([...bytes.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
        expect(Buffer.from(bytes).includes(Buffer.from("WordDocument", "utf16le"))).toBe(true);
        const result = await readReportStrictly(bytes, `报告${index}.${format}`);
        if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
        expect(result.mediaType).toBe("application/msword");
        expect({ year: result.year, template: result.template, agency: result.agency.as_printed }).toEqual({
          year: truth.year,
          template: truth.template,
          agency: truth.agency.as_printed,
        });
        // A blank truth cell may come back as the value the sums force, marked inferred (as for every format).
        const wrong = Object.entries(truth.cells).filter(([id, expected]) => {
          const actual = result.cells[id];
          if (actual === expected) return false;
          return !(expected === null && actual === truth.also_ok?.[id] && result.inferred.includes(id));
        });
        expect(wrong.map(([id, expected]) => `${id}: expected ${expected}, got ${result.cells[id]}`)).toEqual(
          [],
        );
        expect(Object.keys(result.cells).sort()).toEqual(Object.keys(truth.cells).sort());
      },
      120_000,
    );
  },
);
