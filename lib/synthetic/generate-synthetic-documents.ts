// A synthetic national data set as prepared documents for the bulk path (`npm run seed:synthetic`): N
// reports of agencies over the real region tree, each agency reporting every year of the range in turn
// (the 2019 template for 2019–2020, the 2021 template after), its 上年结转 equal to last year's 结转下年度.
// A few percent fail a 勾稽 rule (a number off by some, with the findings the rules give), a few have a
// blank cell (flagged CELL_BLANK) and some print fees in 元 instead of 万元 — as real data does.
// The same options always give the same documents (and the same bytes: a second run finds duplicates).
import { createHash } from "node:crypto";
import type { IngestInput } from "@/lib/ingest/ingest-types";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { checkReportRules } from "@/lib/reader/checks/check-report-rules";
import type { Finding, ReadSuccess, TemplateVersion } from "@/lib/reader/types";
import {
  cellRecord,
  fillCells,
  keysOf,
  seededRandom,
  type TemplateKeys,
} from "@/lib/synthetic/generate-cells";
import { planAgencies } from "@/lib/synthetic/plan-agencies";
import { prepareGeneratedDocument } from "@/lib/synthetic/prepare-synthetic-document";

export interface SyntheticOptions {
  reports: number;
  years: { from: number; to: number };
  seed: number;
}

const INCONSISTENT_SHARE = 0.03;
const BLANK_SHARE = 0.02;
const FEES_IN_YUAN_SHARE = 0.1;
const APPLICANTS = ["natural", "commercial", "research", "social", "legal", "other"];
const IN_FORCE = ["t2.rules.in_force", "t2.normative.in_force"];
const encoder = new TextEncoder();

export interface SyntheticReading {
  upload: IngestInput;
  reading: ReadSuccess;
  sha256: string;
}

/** The documents, prepared as the bulk path stores them (their cells as COPY lines). */
export function* generateSyntheticDocuments(options: SyntheticOptions): Generator<PreparedDocument> {
  for (const { upload, reading, sha256, keys, values } of generateSyntheticParts(options))
    yield prepareGeneratedDocument(upload, reading, sha256, { keys, values });
}

/** The files and their readings, before they are prepared (what prepareDocument would take). */
export function* generateSyntheticReadings(options: SyntheticOptions): Generator<SyntheticReading> {
  for (const { upload, reading, sha256, keys, values } of generateSyntheticParts(options))
    yield { upload, reading: { ...reading, cells: cellRecord(keys, values) }, sha256 };
}

/**
 * Each report: its reading without cells, and its cells as numbers by position in the template's ids
 * (fillCells; NaN for a blank cell) — in an array reused for the next report, to be used before it comes.
 */
function* generateSyntheticParts(
  options: SyntheticOptions,
): Generator<SyntheticReading & { keys: TemplateKeys; values: Float64Array }> {
  const random = seededRandom(options.seed);
  const yearCount = options.years.to - options.years.from + 1;
  const agencies = planAgencies(Math.ceil(options.reports / yearCount), random);
  const values = new Float64Array(Math.max(keysOf("2019").ids.length, keysOf("2021").ids.length));
  // The year before's 结转下年度 per applicant and 现行有效 (NaN: unknown), by position.
  const carried = new Float64Array(APPLICANTS.length);
  const inForce = new Float64Array(IN_FORCE.length);
  let produced = 0;
  for (const agency of agencies) {
    let hasCarried = false;
    let hasInForce = false;
    for (let year = options.years.from; year <= options.years.to && produced < options.reports; year += 1) {
      const template: TemplateVersion = year <= 2020 ? "2019" : "2021";
      const keys = keysOf(template);
      fillCells(random, values, {
        template,
        scale: agency.scale,
        carried: hasCarried ? carried : null,
        inForce: hasInForce ? inForce : null,
      });
      for (let index = 0; index < APPLICANTS.length; index += 1)
        carried[index] = values[keys.byApplicant[index]!.carryForward]!;
      hasCarried = true;
      hasInForce = template === "2021";
      if (hasInForce)
        for (let index = 0; index < IN_FORCE.length; index += 1)
          inForce[index] = values[keys.position.get(IN_FORCE[index]!)!]!;
      const findings: Finding[] = [];
      const units: Record<string, string | null> = {};
      if (random() < INCONSISTENT_SHARE) {
        values[keys.position.get("t3.new.total")!]! += 1 + Math.floor(random() * 5);
        const cells = new Map(keys.ids.map((id, index) => [id, values[index]!]));
        findings.push(...checkReportRules(cells, template));
      }
      if (random() < BLANK_SHARE) {
        values[keys.position.get("t3.partial.natural")!] = NaN;
        findings.push({
          code: "CELL_BLANK",
          severity: "warning",
          kind: "uncertain",
          cells: ["t3.partial.natural"],
          message: "表三 （二）部分公开 · 自然人 单元格空白，读为 null。",
        });
      }
      if (template === "2021") {
        const inYuan = random() < FEES_IN_YUAN_SHARE;
        const fees = keys.position.get("t2.fees.amount")!;
        if (inYuan) values[fees] = Math.round(values[fees]! * 10_000);
        units["t2.fees.amount"] = inYuan ? "元" : "万元";
      } else units["t2.procurement.amount"] = "万元";
      const reading: ReadSuccess = {
        ok: true,
        mediaType: "text/plain",
        agency: agency.info,
        regionCodes: agency.codes,
        year,
        template,
        cells: {},
        rawText: {},
        inferred: [],
        units,
        findings,
        text: "",
      };
      const fileName = `synthetic-${options.seed}-${produced}.txt`;
      const bytes = encoder.encode(`合成数据 ${fileName} ${agency.info.name} ${year} 年度报告\n`);
      const sha256 = createHash("sha256").update(bytes).digest("hex");
      yield { upload: { bytes, fileName, mediaType: "text/plain" }, reading, sha256, keys, values };
      produced += 1;
    }
  }
}
