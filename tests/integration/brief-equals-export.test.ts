// Issue 20 item 4: the supervision brief's numbers equal the export's for the same filters. Real report files
// (text as a person uploads it, some cells printed blank, one with a 勾稽 error) go through the upload path
// (importDocument: the reader in its worker, then storage and the read model); then, for each filter, the
// brief is read the way /regions/brief and /api/brief read it (getViewContext + readViewBrief) and the
// export the way GET /api/export streams it (openExport → toWebStream), CSV parsed back. Every expected
// number is summed here from the export's rows: tables 二–四 (sum and reports per cell), the metrics with
// their n, the same-agency year-on-year figures, the children's and own agencies' rankings, the open
// findings — and the printed document shows them.
//
// The world: 重庆市九龙坡区 (500107) — its government, four departments (one with an error, one with blanks),
// three towns (one with blanks, one that filed only in 2022), 2022 and 2023, one cell corrected by staff —
// and 渝中区 outside it.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  TABLE_FOUR_ROWS,
  TABLE_THREE_COLUMNS,
  TABLE_THREE_ROWS,
  TABLE_TWO_ROWS,
} from "@/components/agency/template-rows";
import { readViewBrief } from "@/components/brief/read-view-brief";
import {
  formatChange,
  formatMetricValue,
  formatN,
  formatValue,
  NO_VALUE,
} from "@/components/ui/format-number";
import { exportQuerySchema, searchParamsToObject } from "@/lib/export/export-query";
import { openExport } from "@/lib/export/open-export";
import { toWebStream } from "@/lib/export/to-web-stream";
import { correctCell } from "@/lib/ingest/correct-cell";
import { importDocument } from "@/lib/ingest/import-document";
import { METRICS, type MetricDefinition } from "@/lib/metrics/metric-dictionary";
import { getViewContext } from "@/lib/queries/get-view-context";
import { AMOUNT_CELLS } from "@/lib/reader/template/row-catalogue";
import { generateCells, seededRandom } from "@/lib/synthetic/generate-cells";
import { encodeText } from "@/lib/reader/testing/encode-text";
import { parseCsv } from "@/tests/helpers/parse-csv";
import { renderReportText } from "@/tests/helpers/report-files";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
const NOW = new Date("2026-12-04T08:00:00Z");
// The brief shows rates from n ≥ 3 (so some small groups' rates are hidden, as they would be). The export is
// asked with n ≥ 1, so that every agency's rate is in it and its numerator can be read back as
// value × n / 100; the filters of both are the same.
const ENV = { MIN_RATE_N: "3" };
const EXPORT_MIN_N = 1;

interface Filer {
  name: string;
  years: number[];
  scale: number;
  blanks?: string[];
  offBy?: number;
  /** Staff corrections of the 2023 report after it was read. */
  corrections?: Record<string, number>;
}

const FILERS: Filer[] = [
  { name: "重庆市九龙坡区人民政府", years: [2022, 2023], scale: 20 },
  {
    name: "重庆市九龙坡区教育局",
    years: [2022, 2023],
    scale: 6,
    corrections: { "t2.licence.decisions": 4321 },
  },
  {
    name: "重庆市九龙坡区民政局",
    years: [2023],
    scale: 3,
    blanks: ["t3.partial.natural", "t2.licence.decisions", "t4.review.corrected"],
  },
  { name: "重庆市九龙坡区公安局", years: [2022, 2023], scale: 8, offBy: 3 },
  { name: "重庆市九龙坡区司法局", years: [2023], scale: 0.5 },
  { name: "重庆市九龙坡区杨家坪街道办事处", years: [2022, 2023], scale: 2 },
  {
    name: "重庆市九龙坡区华岩镇人民政府",
    years: [2023],
    scale: 1,
    blanks: ["t2.penalty.decisions", "t3.granted.commercial", "t4.litigation_direct.total"],
  },
  { name: "重庆市九龙坡区含谷镇人民政府", years: [2022], scale: 1 },
  { name: "重庆市渝中区人民政府", years: [2022, 2023], scale: 10 },
];

beforeAll(async () => {
  t = await createTestDatabase();
  let seed = 2000;
  for (const filer of FILERS) {
    for (const year of filer.years) {
      seed += 1;
      const cells = generateCells(seededRandom(seed), { template: "2021", scale: filer.scale });
      if (filer.offBy && year === 2023) cells["t3.new.total"] = (cells["t3.new.total"] ?? 0) + filer.offBy;
      const text = renderReportText(
        { agency: filer.name, asPrinted: filer.name, regionCode: null, year, template: "2021", cells },
        seed,
        new Set(year === 2023 ? filer.blanks : []),
      );
      const outcome = await importDocument(t.db, {
        bytes: encodeText(text, "utf-8"),
        fileName: `${filer.name}${year}年报.txt`,
        uploadedById: null,
      });
      expect(outcome, `${filer.name} ${year}`).toMatchObject({ status: "accepted", year });
      for (const [cellId, value] of Object.entries(year === 2023 ? (filer.corrections ?? {}) : {}))
        await correctCell(t.db, {
          reportId: outcome.reportId!,
          cellId,
          value,
          reason: "原文核对",
          userId: null,
        });
    }
  }
}, 120_000);
afterAll(() => t?.drop());

// ——— the export, read back ———

interface CellRow {
  agencyId: number;
  regionCode: string;
  cellId: string;
  value: number | null;
  openCodes: string[];
}

interface MetricRow {
  agencyId: number;
  name: string;
  regionCode: string;
  metricId: string;
  value: number | null;
  n: number | null;
}

async function exportRows(params: Record<string, string>): Promise<Record<string, string>[]> {
  const query = exportQuerySchema.parse(searchParamsToObject(new URLSearchParams(params)));
  const opened = await openExport({ db: t.db, query, minN: EXPORT_MIN_N, now: NOW });
  const bytes = Buffer.from(await new Response(toWebStream(opened.stream)).arrayBuffer());
  expect(await opened.finished).toMatchObject({ completed: true });
  const [header, ...records] = parseCsv(bytes.subarray(3).toString("utf8"));
  return records.map((record) => Object.fromEntries(header!.map((name, index) => [name, record[index]!])));
}

const numberOrNull = (text: string | undefined) => (text === undefined || text === "" ? null : Number(text));

async function exportCells(filters: Record<string, string>): Promise<CellRow[]> {
  return (await exportRows({ ...filters, format: "long" })).map((row) => ({
    agencyId: Number(row["机构ID"]),
    regionCode: row["地区代码"]!,
    cellId: row["单元格编号"]!,
    value: numberOrNull(row["数值"]),
    openCodes: row["未处理问题"] ? row["未处理问题"].split(" ") : [],
  }));
}

async function exportMetrics(filters: Record<string, string>): Promise<MetricRow[]> {
  const metrics = METRICS.map((metric) => metric.id).join(",");
  return (await exportRows({ ...filters, format: "long", metrics })).map((row) => ({
    agencyId: Number(row["机构ID"]),
    name: row["机构名称"]!,
    regionCode: row["地区代码"]!,
    metricId: row["指标编号"]!,
    value: numberOrNull(row["数值"]),
    n: numberOrNull(row["n"]),
  }));
}

// ——— sums over export rows, by the rules of spec/metrics.md, written here ———

interface Expected {
  value: number | null;
  n: number | null;
}

/**
 * A metric over a group of agencies' export rows. A count adds the values printed (null when none). A rate
 * adds numerators and denominators where both are known, then divides once: the export gives n (the
 * denominator) and the rate (asked with n ≥ 1), so a numerator is rate × n / 100; a rate left empty with
 * n > 0 had no numerator (not summed), and n = 0 adds nothing to either sum (every numerator in the data
 * here is part of its denominator). The group's rate is then hidden below the brief's minimum n.
 */
function expectMetric(metric: MetricDefinition, rows: MetricRow[], minN: number): Expected {
  const own = rows.filter((row) => row.metricId === metric.id);
  if (metric.kind === "count") {
    const printed = own.filter((row) => row.value !== null);
    return { value: printed.length ? sum(printed.map((row) => row.value!)) : null, n: null };
  }
  let numerator = 0;
  let denominator: number | null = null;
  for (const row of own) {
    if (row.n === null) continue;
    if (row.value === null && row.n > 0) continue;
    denominator = (denominator ?? 0) + row.n;
    if (row.value !== null) numerator += Math.round((row.value * row.n) / 100);
  }
  if (denominator === null) return { value: null, n: null };
  return {
    value: denominator > 0 && denominator >= minN ? (100 * numerator) / denominator : null,
    n: denominator,
  };
}

function sum(values: number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/** Equal to 6 decimals (export values are rounded to 6; sums of decimals are floats). */
function round(value: number | null): number | null {
  return value === null ? null : Math.round(value * 1e6) / 1e6;
}

function distinct<T>(values: T[]): T[] {
  return [...new Set(values)];
}

// ——— the brief, read as the page reads it ———

async function readBrief(filters: Record<string, string>) {
  const view = await getViewContext({ db: t.db, searchParams: new URLSearchParams(filters), env: ENV });
  const read = await readViewBrief({ db: t.db, view, generatedAt: NOW });
  if (!read) throw new Error("no brief");
  return { ...read, minN: view.minN };
}

function tableOf(document: { sections: { tables: { title: string; rows: string[][] }[] }[] }, start: string) {
  return document.sections
    .flatMap((section) => section.tables)
    .find((table) => table.title.startsWith(start));
}

const FILTER_SETS: Record<string, string>[] = [
  { year: "2023", region: "500107" },
  { year: "2023", region: "500107", kind: "部门" },
  { year: "2023", region: "500107", kind: "乡镇,街道" },
  { year: "2023", region: "5001" },
];

describe.each(FILTER_SETS)("the brief equals the export for %o", (filters) => {
  test("tables 二–四: each cell's sum and the reports that printed it", async () => {
    const [{ brief, document }, rows] = await Promise.all([readBrief(filters), exportCells(filters)]);
    const expected = new Map<string, { sum: number | null; reports: number }>();
    for (const row of rows) {
      const entry = expected.get(row.cellId) ?? { sum: null, reports: 0 };
      if (row.value !== null)
        expected.set(row.cellId, { sum: (entry.sum ?? 0) + row.value, reports: entry.reports + 1 });
      else expected.set(row.cellId, entry);
    }
    // The brief lists the cells some report in scope has a row for — the cells the export has rows for.
    expect(brief.cells.map((cell) => cell.cellId).sort()).toEqual([...expected.keys()].sort());
    for (const cell of brief.cells) {
      const want = expected.get(cell.cellId)!;
      expect({ cellId: cell.cellId, sum: round(cell.sum), reports: cell.reports }).toEqual({
        cellId: cell.cellId,
        sum: round(want.sum),
        reports: want.reports,
      });
    }
    // Some cells were printed blank: the export leaves them empty, the brief does not count them.
    expect(rows.some((row) => row.value === null)).toBe(true);
    // A staff correction is what both read (教育局's 4321 行政许可, corrected after reading).
    if (filters.kind !== "乡镇,街道")
      expect(rows.filter((row) => row.cellId === "t2.licence.decisions").map((row) => row.value)).toContain(
        4321,
      );

    // The printed tables show those sums, row by row in the template's order.
    const printed = (cellId: string) =>
      formatValue(expected.get(cellId)?.sum ?? null, AMOUNT_CELLS.has(cellId) ? "amount" : "count");
    const reports = (cellId: string) => formatValue(expected.get(cellId)?.reports ?? 0, "count");
    expect(tableOf(document, "表二")!.rows).toEqual(
      TABLE_TWO_ROWS.map((row) => [row.label, printed(row.cellId!), reports(row.cellId!)]),
    );
    expect(tableOf(document, "表四")!.rows).toEqual(
      TABLE_FOUR_ROWS.map((row) => [row.label, printed(row.cellId!), reports(row.cellId!)]),
    );
    expect(tableOf(document, "表三")!.rows).toEqual(
      TABLE_THREE_ROWS.map((row) => [
        row.label,
        ...TABLE_THREE_COLUMNS.map((column) => (row.heading ? "" : printed(`${row.key}.${column.key}`))),
      ]),
    );
  });

  test("the metrics with their n, the report counts and the same-agency change", async () => {
    const year = Number(filters.year);
    const previousFilters = { ...filters, year: String(year - 1) };
    const [{ brief, document, minN }, current, previous] = await Promise.all([
      readBrief(filters),
      exportMetrics(filters),
      exportMetrics(previousFilters),
    ]);
    const { summary } = brief;
    expect(summary.reports).toBe(distinct(current.map((row) => row.agencyId)).length);
    expect(summary.previousReports).toBe(distinct(previous.map((row) => row.agencyId)).length);
    const both = new Set(
      current.map((row) => row.agencyId).filter((id) => previous.some((p) => p.agencyId === id)),
    );
    expect(summary.matchedAgencies).toBe(both.size);
    const matchedCurrent = current.filter((row) => both.has(row.agencyId));
    const matchedPrevious = previous.filter((row) => both.has(row.agencyId));
    const metricsTable = tableOf(document, "主要指标")!;
    for (const metric of METRICS) {
      const value = expectMetric(metric, current, minN);
      const before = expectMetric(metric, matchedPrevious, minN);
      const after = expectMetric(metric, matchedCurrent, minN);
      const got = summary.values[metric.id];
      expect({ id: metric.id, value: round(got.value), n: got.n }).toEqual({
        id: metric.id,
        value: round(value.value),
        n: value.n,
      });
      expect([
        metric.id,
        round(summary.matchedPrevious[metric.id].value),
        round(summary.matchedCurrent[metric.id].value),
      ]).toEqual([metric.id, round(before.value), round(after.value)]);
      const change = before.value !== null && after.value !== null ? after.value - before.value : null;
      expect(metricsTable.rows.find((row) => row[0] === metric.label)).toEqual([
        metric.label,
        formatMetricValue(metric, value.value),
        formatN(value.n),
        formatMetricValue(metric, before.value),
        formatMetricValue(metric, after.value),
        formatChange(metric, change),
      ]);
    }
  });

  test("the rankings: each child region and each agency of the region's own level", async () => {
    const year = Number(filters.year);
    const [{ brief, document, minN }, current, previous] = await Promise.all([
      readBrief(filters),
      exportMetrics(filters),
      exportMetrics({ ...filters, year: String(year - 1) }),
    ]);
    const region = filters.region!;
    // The child a report belongs to: its region code cut to the next level's length (省 2, 市 4, 县 6, 乡 9).
    const childLength = { 2: 4, 4: 6, 6: 9, 9: 12 }[region.length]!;
    const childOf = (row: MetricRow) =>
      row.regionCode.length > region.length ? row.regionCode.slice(0, childLength) : null;
    const applications = METRICS.find((metric) => metric.id === "applications_new")!;
    const disclosure = METRICS.find((metric) => metric.id === "disclosure_rate")!;

    const childrenTable = tableOf(document, "下级地区");
    expect(childrenTable === undefined).toBe(brief.breakdown.children.length === 0);
    for (const child of brief.breakdown.children) {
      const rows = current.filter((row) => childOf(row) === child.code);
      const agencies = distinct(rows.map((row) => row.agencyId));
      const both = new Set(agencies.filter((id) => previous.some((p) => p.agencyId === id)));
      const apps = expectMetric(applications, rows, minN).value;
      const rate = expectMetric(disclosure, rows, minN);
      const matchedNow = expectMetric(
        applications,
        rows.filter((row) => both.has(row.agencyId)),
        minN,
      ).value;
      const matchedBefore = expectMetric(
        applications,
        previous.filter((row) => both.has(row.agencyId)),
        minN,
      ).value;
      expect({
        code: child.code,
        reports: child.reports,
        applications: child.totals.applicationsNew,
      }).toEqual({
        code: child.code,
        reports: agencies.length,
        applications: apps,
      });
      expect([child.code, child.totals.disclosureRateDen]).toEqual([child.code, rate.n]);
      expect([
        child.code,
        child.matchedCurrent.applicationsNew,
        child.matchedPrevious.applicationsNew,
      ]).toEqual([child.code, both.size > 0 ? matchedNow : null, both.size > 0 ? matchedBefore : null]);
      const printed = childrenTable!.rows.find((row) => row[1] === child.name)!;
      expect(printed.slice(2)).toEqual([
        String(agencies.length),
        expect.stringMatching(/^\d+ \/ \d+$/),
        formatMetricValue(applications, apps),
        matchedNow !== null && matchedBefore !== null
          ? formatChange(applications, matchedNow - matchedBefore)
          : NO_VALUE,
        formatMetricValue(disclosure, rate.value),
        formatN(rate.n),
      ]);
    }
    // Ranked by this year's new applications, most first.
    const order = childrenTable!.rows.map((row) => {
      const child = brief.breakdown.children.find((candidate) => candidate.name === row[1])!;
      return child.totals.applicationsNew ?? -1;
    });
    expect(order).toEqual([...order].sort((a, b) => b - a));

    const localRows = current.filter((row) => childOf(row) === null);
    const localIds = distinct(localRows.map((row) => row.agencyId));
    expect(brief.breakdown.localAgencies.map((agency) => agency.agencyId).sort()).toEqual(
      [...localIds].sort(),
    );
    const agencyTable = tableOf(document, "本级机关");
    expect(agencyTable === undefined).toBe(localIds.length === 0);
    for (const agencyId of localIds) {
      const rows = localRows.filter((row) => row.agencyId === agencyId);
      const before = previous.filter((row) => row.agencyId === agencyId);
      const apps = expectMetric(applications, rows, minN).value;
      const appsBefore = before.length > 0 ? expectMetric(applications, before, minN).value : null;
      const rate = expectMetric(disclosure, rows, minN);
      const printed = agencyTable!.rows.find((row) => row[1] === rows[0]!.name)!;
      expect(printed.slice(3)).toEqual([
        formatMetricValue(applications, apps),
        apps !== null && appsBefore !== null ? formatChange(applications, apps - appsBefore) : NO_VALUE,
        formatMetricValue(disclosure, rate.value),
        formatN(rate.n),
      ]);
    }
    // 司法局's n is below the brief's minimum: its rate is hidden, its n still shown.
    if (filters.region === "500107" && filters.kind !== "乡镇,街道")
      expect(agencyTable!.rows.find((row) => row[1] === "重庆市九龙坡区司法局")!.slice(5)).toEqual([
        NO_VALUE,
        "n=1",
      ]);
  });

  test("the key rate worked out from the exported cells by its formula: 公开率 = (G + P) / T", async () => {
    const [{ brief, minN }, rows] = await Promise.all([readBrief(filters), exportCells(filters)]);
    const byAgency = new Map<number, Map<string, number | null>>();
    for (const row of rows)
      byAgency.set(row.agencyId, (byAgency.get(row.agencyId) ?? new Map()).set(row.cellId, row.value));
    let numerator = 0;
    let denominator = 0;
    for (const cells of byAgency.values()) {
      const granted = cells.get("t3.granted.total") ?? null;
      const partial = cells.get("t3.partial.total") ?? null;
      const total = cells.get("t3.outcome_total.total") ?? null;
      if (granted === null || partial === null || total === null) continue;
      numerator += granted + partial;
      denominator += total;
    }
    expect(denominator).toBeGreaterThanOrEqual(minN);
    const shown = brief.summary.values.disclosure_rate;
    expect({ value: round(shown.value), n: shown.n }).toEqual({
      value: round((100 * numerator) / denominator),
      n: denominator,
    });
  });

  test("open findings: the reports each code is open on", async () => {
    const [{ brief }, rows] = await Promise.all([readBrief(filters), exportCells(filters)]);
    const reportsByCode = new Map<string, Set<number>>();
    for (const row of rows)
      for (const code of row.openCodes)
        reportsByCode.set(code, (reportsByCode.get(code) ?? new Set()).add(row.agencyId));
    const briefByCode = new Map<string, number>();
    for (const row of brief.findings)
      briefByCode.set(row.code, (briefByCode.get(row.code) ?? 0) + row.reports);
    expect(Object.fromEntries(briefByCode)).toEqual(
      Object.fromEntries([...reportsByCode].map(([code, agencies]) => [code, agencies.size])),
    );
    if (filters.kind !== "乡镇,街道") expect(reportsByCode.size).toBeGreaterThan(0);
  });
});
