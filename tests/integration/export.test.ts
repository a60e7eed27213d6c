// The export against a real database seeded here by hand: CSV and XLSX read back the way Excel would (our
// own small CSV reader, exceljs's reader), compared with values written out below — never computed by the
// export code. Also: formula injection, BOM/CRLF, the file name, and that a client going away stops the
// query on the server.
//
// The world (all 2023, template 2021 unless said):
//   测试省 93 › 测试市 9301 › 甲区 930101 › 一街道 930101001;  外省 94 (outside the region filter)
//   E1 一街道办事处 (街道, 930101001): t3.new.natural 12, t3.new.commercial not printed, t3.new.total read 15
//      corrected to 20, t4.review.total inferred 0; open finding RULE_BALANCE on t3.new.total, a dismissed
//      CELL_BLANK on t3.new.natural; an older version (not current) with t3.new.natural 99
//   E2 =HYPERLINK("http://evil.example","x") (部门, 930101): t3.new.natural -3 (a negative number stays one)
//   E3 @SUM(A1) (部门, 930101), E4 +1 (部门), E5 <tab>制表 (部门): t3.new.natural 1.5, 0, 7
//   E6 外省某局 (部门, 94): t3.new.natural 5
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { getPool } from "@/lib/db/create-client";
import { exportQuerySchema } from "@/lib/export/export-query";
import { openExport } from "@/lib/export/open-export";
import { toWebStream } from "@/lib/export/to-web-stream";
import { resolveCellSelection } from "@/lib/export/resolve-cell-selection";
import { resolveExportSelection } from "@/lib/export/resolve-export-selection";
import {
  agencyListQuerySchema,
  metricListQuerySchema,
  reportListQuerySchema,
} from "@/lib/data-api/api-list-query";
import { listApiAgencies } from "@/lib/data-api/list-api-agencies";
import { listApiMetrics } from "@/lib/data-api/list-api-metrics";
import { listApiReports } from "@/lib/data-api/list-api-reports";
import { createAgency, createFinding, createRegion, createReport } from "@/tests/helpers/dashboard-factory";
import { parseCsv } from "@/tests/helpers/parse-csv";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;
const NOW = new Date("2026-12-04T08:00:00Z");
const ids: Record<string, number> = {};
const CELL_NO = { "t3.new.natural": 30, "t3.new.commercial": 31, "t3.new.total": 36, "t4.review.total": 216 };

async function putCells(
  reportId: number,
  cells: Array<[keyof typeof CELL_NO, number | null, boolean?]>,
): Promise<void> {
  for (const [cellId, value, inferred] of cells) {
    await t.db.$executeRaw`INSERT INTO "ReportCell" ("reportId", "cellNo", "inferred", "value")
      VALUES (${reportId}, ${CELL_NO[cellId]}::smallint, ${inferred ?? false}, ${value}::numeric)`;
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  const db = t.db;
  const province = await createRegion(db, { code: "93", name: "测试省", level: "province" });
  const city = await createRegion(db, { code: "9301", name: "测试市", level: "city", parent: province });
  const county = await createRegion(db, { code: "930101", name: "甲区", level: "county", parent: city });
  const town = await createRegion(db, { code: "930101001", name: "一街道", level: "town", parent: county });
  const other = await createRegion(db, { code: "94", name: "外省", level: "province" });
  const e1 = await createAgency(db, { name: "一街道办事处", kind: "街道", region: town });
  const old = await createReport(db, { agency: e1, year: 2023, isCurrent: false, versionNo: 1 });
  await putCells(old.id, [["t3.new.natural", 99]]);
  const r1 = await createReport(db, {
    agency: e1,
    year: 2023,
    versionNo: 2,
    metrics: { applicationsNew: 20 },
  });
  await putCells(r1.id, [
    ["t3.new.natural", 12],
    ["t3.new.commercial", null],
    ["t3.new.total", 15],
    ["t4.review.total", 0, true],
  ]);
  await db.cellCorrection.create({
    data: {
      reportId: r1.id,
      cellNo: CELL_NO["t3.new.total"],
      oldValue: 15,
      newValue: 20,
      reason: "测试更正",
    },
  });
  await createFinding(db, { reportId: r1.id, code: "RULE_BALANCE", cellIds: ["t3.new.total"] });
  await createFinding(db, {
    reportId: r1.id,
    code: "CELL_BLANK",
    status: "dismissed",
    cellIds: ["t3.new.natural"],
  });
  const named: Array<[string, number]> = [
    ['=HYPERLINK("http://evil.example","x")', -3],
    ["@SUM(A1)", 1.5],
    ["+1", 0],
    ["\t制表", 7],
  ];
  for (const [index, [name, value]] of named.entries()) {
    const agency = await createAgency(db, { name, kind: "部门", region: county });
    const report = await createReport(db, { agency, year: 2023, metrics: { applicationsNew: value } });
    await putCells(report.id, [["t3.new.natural", value]]);
    ids[`E${index + 2}`] = agency.id;
  }
  const e6 = await createAgency(db, { name: "外省某局", kind: "部门", region: other });
  const r6 = await createReport(db, { agency: e6, year: 2023, metrics: { applicationsNew: 5 } });
  await putCells(r6.id, [["t3.new.natural", 5]]);
  ids.E1 = e1.id;
  ids.E6 = e6.id;
});

afterAll(async () => {
  await t?.drop();
});

async function exportText(params: Record<string, string>) {
  const query = exportQuerySchema.parse(params);
  const opened = await openExport({ db: t.db, query, minN: 10, now: NOW });
  const chunks: Buffer[] = [];
  for await (const chunk of opened.stream) chunks.push(chunk as Buffer);
  return { bytes: Buffer.concat(chunks), opened, outcome: await opened.finished };
}

describe("CSV, long", () => {
  test("BOM, CRLF, header, and exactly the region's current cells with their labels, values and findings", async () => {
    const { bytes, opened, outcome } = await exportText({
      year: "2023",
      region: "93",
      cells: "t3.new.natural,t3.new.commercial,t3.new.total,t4.review.total",
    });
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.subarray(3).toString("utf8");
    const lines = text.split("\r\n");
    expect(lines.at(-1)).toBe("");
    expect(text.replaceAll("\r\n", "")).not.toContain("\n");
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual([
      "机构名称",
      "机构ID",
      "地区代码",
      "省级",
      "市级",
      "县级",
      "乡镇级",
      "机构类型",
      "年度",
      "模板",
      "单元格编号",
      "表",
      "行",
      "列",
      "数值",
      "推算值",
      "未处理问题",
    ]);
    expect(outcome).toEqual({ rows: 8, completed: true });
    expect(opened.fileName.unicode).toBe("年报导出_2023年_测试省_单元格明细_2026-12-04.csv");
    // E1 sits in the town (deepest path) so it sorts after the county's agencies (path, then name).
    const e1 = rows.filter((row) => row[1] === String(ids.E1));
    expect(e1).toEqual([
      [
        "一街道办事处",
        String(ids.E1),
        "930101001",
        "测试省",
        "测试市",
        "甲区",
        "一街道",
        "街道",
        "2023",
        "2021",
        "t3.new.natural",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量",
        "自然人",
        "12",
        "0",
        "",
      ],
      [
        "一街道办事处",
        String(ids.E1),
        "930101001",
        "测试省",
        "测试市",
        "甲区",
        "一街道",
        "街道",
        "2023",
        "2021",
        "t3.new.commercial",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量",
        "法人或其他组织/商业企业",
        "",
        "0",
        "",
      ],
      [
        "一街道办事处",
        String(ids.E1),
        "930101001",
        "测试省",
        "测试市",
        "甲区",
        "一街道",
        "街道",
        "2023",
        "2021",
        "t3.new.total",
        "三、收到和处理政府信息公开申请情况",
        "一、本年新收政府信息公开申请数量",
        "总计",
        "20",
        "0",
        "RULE_BALANCE",
      ],
      [
        "一街道办事处",
        String(ids.E1),
        "930101001",
        "测试省",
        "测试市",
        "甲区",
        "一街道",
        "街道",
        "2023",
        "2021",
        "t4.review.total",
        "四、政府信息公开行政复议、行政诉讼情况",
        "行政复议",
        "总计",
        "0",
        "1",
        "",
      ],
    ]);
    const byAgency = Object.fromEntries(rows.map((row) => [row[1], row]));
    expect(byAgency[String(ids.E2)]!.slice(0, 1)).toEqual(['\'=HYPERLINK("http://evil.example","x")']);
    expect(byAgency[String(ids.E2)]![14]).toBe("-3");
    expect(byAgency[String(ids.E3)]![0]).toBe("'@SUM(A1)");
    expect(byAgency[String(ids.E3)]![14]).toBe("1.5");
    expect(byAgency[String(ids.E4)]![0]).toBe("'+1");
    expect(byAgency[String(ids.E4)]![14]).toBe("0");
    expect(byAgency[String(ids.E5)]![0]).toBe("'\t制表");
    expect(byAgency[String(ids.E6)]).toBeUndefined();
  });

  test("metrics long: one row per agency × year × metric, rates below the minimum n empty", async () => {
    const { bytes } = await exportText({
      agencies: String(ids.E1),
      metrics: "applications_new,disclosure_rate",
    });
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString("utf8"));
    expect(header!.slice(10)).toEqual(["指标编号", "指标", "数值", "n"]);
    expect(rows.map((row) => row.slice(10))).toEqual([
      ["applications_new", "本年新收申请", "20", ""],
      ["disclosure_rate", "公开率", "", ""],
    ]);
  });

  test("bad input is refused with its reason", async () => {
    expect(exportQuerySchema.safeParse({ format: "long", cells: "t3", metrics: "processed" }).success).toBe(
      false,
    );
    expect(exportQuerySchema.safeParse({ cells: "DROP TABLE" }).success).toBe(false);
    expect(exportQuerySchema.safeParse({ type: "pdf" }).success).toBe(false);
    const unknown = exportQuerySchema.parse({ cells: "t3.no_such_row" });
    await expect(openExport({ db: t.db, query: unknown, minN: 10, now: NOW })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
    const region = exportQuerySchema.parse({ region: "990000" });
    await expect(openExport({ db: t.db, query: region, minN: 10, now: NOW })).rejects.toMatchObject({
      code: "INVALID_INPUT",
    });
  });
});

describe("CSV, wide", () => {
  test("one row per agency × year, a column per cell (label and id) and per metric", async () => {
    const { bytes } = await exportText({
      year: "2023",
      format: "wide",
      agencies: `${ids.E1},${ids.E2}`,
      cells: "t3.new.natural,t3.new.total",
      metrics: "applications_new",
    });
    const [header, ...rows] = parseCsv(bytes.subarray(3).toString("utf8"));
    expect(header!.slice(10)).toEqual([
      "表三 一、本年新收政府信息公开申请数量 · 自然人（t3.new.natural）",
      "表三 一、本年新收政府信息公开申请数量 · 总计（t3.new.total）",
      "本年新收申请（applications_new）",
    ]);
    // E2 (county path 93/9301/930101/) sorts before E1 (its town below).
    expect(rows.map((row) => [row[1], ...row.slice(10)])).toEqual([
      [String(ids.E2), "-3", "", "-3"],
      [String(ids.E1), "12", "20", "20"],
    ]);
  });
});

describe("XLSX", () => {
  test("long: numbers typed as numbers, header frozen, values equal the database", async () => {
    const { bytes, opened, outcome } = await exportText({
      year: "2023",
      region: "930101",
      cells: "t3.new.natural,t3.new.total",
      type: "xlsx",
    });
    expect(opened.fileName.unicode).toBe("年报导出_2023年_甲区_单元格明细_2026-12-04.xlsx");
    expect(outcome).toEqual({ rows: 6, completed: true });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("明细");
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(sheet.getRow(1).getCell(15).value).toBe("数值");
    const values = new Map<string, unknown>();
    sheet.eachRow((row, number) => {
      if (number === 1) return;
      values.set(`${row.getCell(2).value}/${row.getCell(11).value}`, row.getCell(15).value);
      expect(typeof row.getCell(2).value).toBe("number");
    });
    expect(values).toEqual(
      new Map<string, unknown>([
        [`${ids.E2}/t3.new.natural`, -3],
        [`${ids.E3}/t3.new.natural`, 1.5],
        [`${ids.E4}/t3.new.natural`, 0],
        [`${ids.E5}/t3.new.natural`, 7],
        [`${ids.E1}/t3.new.natural`, 12],
        [`${ids.E1}/t3.new.total`, 20],
      ]),
    );
    // Text is text in XLSX (never a formula), so names are written as they are.
    const names: unknown[] = [];
    sheet.eachRow((row) => names.push(row.getCell(1).value));
    expect(names).toContain('=HYPERLINK("http://evil.example","x")');
    expect(sheet.getColumn(1).width).toBe(30);
  });

  test("wide: one sheet per table, then the metrics", async () => {
    const { bytes } = await exportText({
      agencies: String(ids.E1),
      format: "wide",
      cells: "t3.new.natural,t4.review.total",
      metrics: "applications_new",
      type: "xlsx",
    });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "表三 依申请公开",
      "表四 复议诉讼",
      "指标",
    ]);
    expect(workbook.worksheets[0]!.getRow(2).getCell(11).value).toBe(12);
    expect(workbook.worksheets[1]!.getRow(2).getCell(11).value).toBe(0);
    expect(workbook.worksheets[2]!.getRow(2).getCell(11).value).toBe(20);
  });
});

describe("the JSON API's read functions", () => {
  test("reports with cells and findings, a page at a time by cursor, same filters as the export", async () => {
    const query = reportListQuerySchema.parse({
      year: "2023",
      region: "93",
      cells: "t3.new.total,t3.new.natural",
      limit: "3",
    });
    const { selection } = await resolveExportSelection(t.db, query);
    const cells = resolveCellSelection(query.cells);
    const first = await listApiReports({
      db: t.db,
      selection,
      cells,
      cursor: query.cursor,
      limit: query.limit,
    });
    expect(first.items).toHaveLength(3);
    expect(first.nextCursor).not.toBeNull();
    const second = await listApiReports({ db: t.db, selection, cells, cursor: first.nextCursor!, limit: 3 });
    expect(second.nextCursor).toBeNull();
    const all = [...first.items, ...second.items];
    // E1 … E5 are in 93; E6 is not; E1's old version is not current.
    expect(all.map((report) => report.agency.id).sort()).toEqual(
      [ids.E1, ids.E2, ids.E3, ids.E4, ids.E5].sort(),
    );
    const e1 = all.find((report) => report.agency.id === ids.E1)!;
    expect(e1.cells).toEqual({
      "t3.new.natural": { value: 12, inferred: false, corrected: false },
      "t3.new.total": { value: 20, inferred: false, corrected: true },
    });
    expect(e1.findings.map((finding) => [finding.code, finding.status]).sort()).toEqual([
      ["CELL_BLANK", "dismissed"],
      ["RULE_BALANCE", "open"],
    ]);
    await expect(
      listApiReports({ db: t.db, selection, cells, cursor: "not-a-cursor", limit: 3 }),
    ).rejects.toMatchObject({ code: "INVALID_CURSOR" });
  });

  test("metrics and agencies", async () => {
    const query = metricListQuerySchema.parse({
      agencies: `${ids.E1},${ids.E2}`,
      metrics: "applications_new",
    });
    const { selection } = await resolveExportSelection(t.db, query);
    const page = await listApiMetrics({
      db: t.db,
      selection,
      metricIds: query.metrics!,
      minN: 10,
      cursor: undefined,
      limit: query.limit,
    });
    expect(page.items.map((item) => [item.agency.id, item.metrics])).toEqual([
      [ids.E1, { applications_new: { value: 20, n: null } }],
      [ids.E2, { applications_new: { value: -3, n: null } }],
    ]);
    const agencies = await listApiAgencies({
      db: t.db,
      query: agencyListQuerySchema.parse({ q: "街道" }),
      region: null,
    });
    expect(agencies.items.map((agency) => [agency.name, agency.regionNames])).toEqual([
      ["一街道办事处", ["测试省", "测试市", "甲区", "一街道"]],
    ]);
  });
});

describe("a client that goes away", () => {
  test("stops the query on the server", async () => {
    // Enough rows that the export cannot be done in one chunk: 400 reports × 200 cells.
    const pool = getPool(t.db);
    const region = await createRegion(t.db, { code: "95", name: "大省", level: "province" });
    await pool.query(`
      WITH agencies AS (
        INSERT INTO "Agency" ("name", "kind", "regionCode")
        SELECT '批量机构' || i, '部门', '95' FROM generate_series(1, 400) i RETURNING "id"
      ), docs AS (
        INSERT INTO "Document" ("sha256", "fileName", "size", "bytes", "status", "agencyId", "year", "readerVersion", "reading")
        SELECT md5('bulk' || a."id") || md5('x' || a."id"), 'x.txt', 1, '\\x31', 'accepted', a."id", 2022, 1, '{}' FROM agencies a
        RETURNING "id", "agencyId"
      ), reports AS (
        INSERT INTO "Report" ("agencyId", "year", "versionNo", "template", "documentId", "readerVersion")
        SELECT d."agencyId", 2022, 1, '2021', d."id", 1 FROM docs d RETURNING "id", "agencyId"
      ), metrics AS (
        INSERT INTO "ReportMetrics" ("reportId", "agencyId", "year", "agencyKind", "regionCode", "regionPath", "template")
        SELECT r."id", r."agencyId", 2022, '部门', '95', '${region.path}', '2021' FROM reports r
      )
      INSERT INTO "ReportCell" ("reportId", "cellNo", "value")
      SELECT r."id", n, n FROM reports r CROSS JOIN generate_series(1, 200) n`);
    const query = exportQuerySchema.parse({ region: "95" });
    const opened = await openExport({ db: t.db, query, minN: 10, now: NOW });
    const reader = toWebStream(opened.stream).getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    const active = await pool.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1`, [
      opened.pid,
    ]);
    expect(active.rows[0].n).toBe(1);
    await reader.cancel();
    const outcome = await opened.finished;
    expect(outcome.completed).toBe(false);
    expect(outcome.rows).toBeLessThan(80_000);
    let gone = false;
    for (let attempt = 0; attempt < 50 && !gone; attempt++) {
      const left = await pool.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE pid = $1 AND state <> 'idle'`,
        [opened.pid],
      );
      gone = left.rows[0].n === 0;
      if (!gone) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(gone).toBe(true);
    // The pool still serves queries.
    expect((await pool.query("SELECT 1 AS one")).rows[0].one).toBe(1);
  });
});
