// Legacy Word (.doc) round trip: seed reports rendered as Word files, saved as .doc by LibreOffice (one run for
// the batch), read back through readReport — which converts them with LibreOffice again — to their truth. Needs
// LibreOffice (CI installs it); skipped, saying so, without.
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

describe.skipIf(!libreOffice)(
  `legacy Word .doc files${libreOffice ? "" : " — skipped: LibreOffice (soffice) not installed; apt-get install libreoffice-writer-nogui"}`,
  () => {
    let docs = new Map<string, Uint8Array>();
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
      docs = await convertDocuments(documents, "doc");
    }, 300_000);

    it.each(chosen.map((truth, index) => [truth.file, index] as const))(
      "%s saved as .doc reads back to its truth",
      async (_file, index) => {
        const truth = chosen[index]!;
        const bytes = docs.get(`seed-${index}`);
        if (!bytes) throw new Error("LibreOffice saved no .doc");
        // A real .doc is an OLE file, not the Word XML it was made from.
        expect([...bytes.subarray(0, 4)]).toEqual([0xd0, 0xcf, 0x11, 0xe0]);
        const result = await readReportStrictly(bytes, `报告${index}.doc`);
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
