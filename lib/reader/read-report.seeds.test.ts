// Every cell, the agency, year and template of the five seed reports and the sample PDF equal the verified
// truth files; the anomalies the truth lists are reported with the right finding codes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readReport } from "./read-report";
import { listCellIds } from "./template/cell-catalogue";
import type { ReadSuccess, TemplateVersion } from "./types";

interface Truth {
  file: string;
  agency: Record<string, string | null>;
  year: number;
  template: TemplateVersion;
  cells: Record<string, number | null>;
  also_ok?: Record<string, number>;
  anomalies?: { kind: string; cells?: string[]; cells_row?: string[] }[];
}

const FIXTURES = path.join(import.meta.dirname, "fixtures");
const seedTruth = (
  JSON.parse(readFileSync(path.join(FIXTURES, "seed-truth.json"), "utf8")) as { reports: Truth[] }
).reports;
const sampleTruth = JSON.parse(
  readFileSync(path.join(FIXTURES, "samples/hongze_district_2024.truth.json"), "utf8"),
) as Truth;
const cases = [
  ...seedTruth.map((truth) => ({ truth, file: path.join(FIXTURES, "seeds", truth.file) })),
  { truth: sampleTruth, file: path.join(FIXTURES, "samples", sampleTruth.file) },
];

async function read(file: string): Promise<ReadSuccess> {
  const result = await readReport(new Uint8Array(readFileSync(file)), path.basename(file));
  if (!result.ok) throw new Error(`${file}: ${result.error.code} ${result.error.message}`);
  return result;
}

describe.each(cases)("$truth.file", ({ truth, file }) => {
  it("reads year, template and agency", async () => {
    const result = await read(file);
    expect(result.year).toBe(truth.year);
    expect(result.template).toBe(truth.template);
    expect(result.agency).toEqual(truth.agency);
  });

  it("reads every cell of its template version, and none of the other", async () => {
    const result = await read(file);
    expect(Object.keys(result.cells).sort()).toEqual([...listCellIds(truth.template)].sort());
    const inferredFlagged = new Set(
      result.findings
        .filter((finding) => finding.code === "VALUE_INFERRED")
        .flatMap((finding) => finding.cells),
    );
    for (const [id, expected] of Object.entries(truth.cells)) {
      const actual = result.cells[id];
      const alsoOk = truth.also_ok?.[id];
      if (expected === null && alsoOk !== undefined && actual === alsoOk) {
        expect(result.inferred, id).toContain(id);
        expect(inferredFlagged.has(id), id).toBe(true);
      } else expect(actual, id).toBe(expected);
    }
  });

  it("reports the anomalies the truth lists, and no rule violations", async () => {
    const result = await read(file);
    const codes = (cells: string[]) =>
      result.findings.filter((finding) => cells.some((id) => finding.cells.includes(id))).map((f) => f.code);
    for (const anomaly of truth.anomalies ?? []) {
      if (anomaly.kind === "blank_cell")
        for (const id of anomaly.cells ?? [])
          expect(codes([id]), id).toEqual(
            expect.arrayContaining([expect.stringMatching(/^(CELL_BLANK|VALUE_INFERRED)$/)]),
          );
      if (anomaly.kind === "empty_row")
        for (const row of anomaly.cells_row ?? []) expect(codes([`${row}.total`])).toContain("ROW_EMPTY");
      if (anomaly.kind === "unit")
        expect(result.findings.map((finding) => finding.code)).toContain("UNIT_UNKNOWN");
    }
    expect(result.findings.filter((finding) => finding.kind === "inconsistent")).toEqual([]);
    expect(result.findings.filter((finding) => finding.severity === "error")).toEqual([]);
  });
});
