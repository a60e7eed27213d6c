// ReadResults for ingestion tests, built from the verified seed truth (lib/reader/fixtures/seed-truth.json)
// rather than from the reader, so ingestion is tested on its own. Each call can override any field;
// `uniqueBytes` gives a file that no other test uses (documents are keyed by sha256).
import { randomUUID } from "node:crypto";
import truth from "@/lib/reader/fixtures/seed-truth.json";
import type {
  AgencyInfo,
  ReadError,
  ReadErrorCode,
  ReadSuccess,
  RegionCodes,
  TemplateVersion,
} from "@/lib/reader/types";

interface TruthReport {
  file: string;
  agency: AgencyInfo;
  year: number;
  template: string;
  cells: Record<string, number | null>;
}

export const TRUTH_REPORTS = truth.reports as unknown as TruthReport[];

// Region codes the gazetteer gives for the seeds' agencies (test inputs; ingestion stores what it is given).
const REGION_CODES: Record<string, RegionCodes> = {
  "000": { province: "51", city: "5109", county: "510904", town: "510904114" },
  "001": { province: "53", city: "5303", county: "530303", town: null },
  "002": { province: "50", city: "5001", county: "500107", town: "500107110" },
  "003": { province: "41", city: "4111", county: "411103", town: "411103102" },
  "004": { province: "51", city: "5104", county: "510421", town: "510421104" },
};

export function getTruthReport(prefix: string): TruthReport {
  const report = TRUTH_REPORTS.find((r) => r.file.startsWith(prefix));
  if (!report) throw new Error(`no seed truth ${prefix}`);
  return report;
}

export function buildReadResult(prefix: string, overrides: Partial<ReadSuccess> = {}): ReadSuccess {
  const report = getTruthReport(prefix);
  const cells = { ...report.cells, ...overrides.cells };
  return {
    ok: true,
    mediaType: "text/plain",
    agency: { ...report.agency },
    regionCodes: REGION_CODES[prefix]!,
    year: report.year,
    template: report.template as TemplateVersion,
    rawText: Object.fromEntries(
      Object.entries(cells).flatMap(([id, v]) => (v === null ? [] : [[id, String(v)]])),
    ),
    inferred: [],
    units: {},
    findings: [],
    text: `${report.agency.as_printed} ${report.year} 年度报告`,
    ...overrides,
    cells,
  };
}

export function buildReadError(code: ReadErrorCode, message = "文件无法读取"): ReadError {
  return { ok: false, error: { code, message }, mediaType: null };
}

export function uniqueBytes(label = "report"): Uint8Array {
  return new TextEncoder().encode(`${label} ${randomUUID()}`);
}
