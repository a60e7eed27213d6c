import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AgencyInfo } from "../types";
import { resolveAgency } from "./resolve-agency";

const FIXTURES = path.join(__dirname, "..", "fixtures");

interface TruthReport {
  file: string;
  agency: AgencyInfo;
}

const seedTruth = JSON.parse(readFileSync(path.join(FIXTURES, "seed-truth.json"), "utf8")) as {
  reports: TruthReport[];
};

const sampleTruth = JSON.parse(
  readFileSync(path.join(FIXTURES, "samples", "hongze_district_2024.truth.json"), "utf8"),
) as { agency: AgencyInfo };

describe("resolveAgency on the truth files", () => {
  it.each(seedTruth.reports.map((report) => [report.agency.as_printed, report] as const))(
    "%s resolves to the truth's agency",
    (_name, report) => {
      const text = readFileSync(path.join(FIXTURES, "seeds", report.file), "utf8");
      const result = resolveAgency({ asPrinted: report.agency.as_printed, text });
      expect(result.agency).toEqual(report.agency);
      expect(result.findings).toEqual([]);
    },
  );

  // The same reports had their titles printed only the bare name: the towns are unique in the gazetteer,
  // 发改局 is completed from the report's own text (“沾益区发改局以…”).
  it.each([
    ["000_ea51994d2031337b.txt", "聚贤镇"],
    ["001_2ed4faa730a0c388.txt", "发改局"],
    ["002_ef554fa879909b3d.txt", "白市驿镇"],
    ["003_b657cdc2b6fa0bce.txt", "裴城镇"],
    ["004_dab85e2dbbd9bf66.txt", "普威镇"],
  ])("%s printed as %s resolves from its text", (file, bareName) => {
    const report = seedTruth.reports.find((r) => r.file === file)!;
    const text = readFileSync(path.join(FIXTURES, "seeds", file), "utf8");
    const result = resolveAgency({ asPrinted: bareName, text });
    expect(result.agency).toEqual({ ...report.agency, as_printed: bareName });
    expect(result.findings).toEqual([]);
  });

  it("resolves the sample PDF's agency from its printed name", () => {
    const result = resolveAgency({ asPrinted: sampleTruth.agency.as_printed, text: "" });
    expect(result.agency).toEqual(sampleTruth.agency);
    expect(result.findings).toEqual([]);
  });
});

const NO_LEVELS = { province: null, city: null, county: null, town: null } as const;

function agency(fields: Partial<AgencyInfo> & Pick<AgencyInfo, "as_printed">): AgencyInfo {
  return { name: null, kind: null, ...NO_LEVELS, department: null, parent: null, ...fields };
}

// Real agencies named the way their reports print them; expected values written from the official names.
const RESOLVED: [string, string, AgencyInfo][] = [
  [
    "西湖区灵隐街道办事处",
    "",
    agency({
      as_printed: "西湖区灵隐街道办事处",
      name: "杭州市西湖区灵隐街道办事处",
      kind: "街道",
      province: "浙江省",
      city: "杭州市",
      county: "西湖区",
      town: "灵隐街道",
    }),
  ],
  [
    "衢江区周家乡人民政府",
    "",
    agency({
      as_printed: "衢江区周家乡人民政府",
      name: "衢州市衢江区周家乡人民政府",
      kind: "乡镇",
      province: "浙江省",
      city: "衢州市",
      county: "衢江区",
      town: "周家乡",
    }),
  ],
  [
    "额尔古纳市人民政府",
    "",
    agency({
      as_printed: "额尔古纳市人民政府",
      name: "呼伦贝尔市额尔古纳市人民政府",
      kind: "区县政府",
      province: "内蒙古自治区",
      city: "呼伦贝尔市",
      county: "额尔古纳市",
    }),
  ],
  [
    "乌兰察布市人民政府",
    "",
    agency({
      as_printed: "乌兰察布市人民政府",
      name: "乌兰察布市人民政府",
      kind: "市政府",
      province: "内蒙古自治区",
      city: "乌兰察布市",
    }),
  ],
  [
    "浙江省人民政府",
    "",
    agency({ as_printed: "浙江省人民政府", name: "浙江省人民政府", kind: "省政府", province: "浙江省" }),
  ],
  [
    "杭州市财政局",
    "",
    agency({
      as_printed: "杭州市财政局",
      name: "杭州市财政局",
      kind: "部门",
      province: "浙江省",
      city: "杭州市",
      department: "财政局",
      parent: "杭州市人民政府",
    }),
  ],
  [
    "余杭区人社局",
    "",
    agency({
      as_printed: "余杭区人社局",
      name: "杭州市余杭区人力资源和社会保障局",
      kind: "部门",
      province: "浙江省",
      city: "杭州市",
      county: "余杭区",
      department: "人力资源和社会保障局",
      parent: "杭州市余杭区人民政府",
    }),
  ],
  [
    "北京市朝阳区人民政府",
    "",
    agency({
      as_printed: "北京市朝阳区人民政府",
      name: "北京市朝阳区人民政府",
      kind: "区县政府",
      province: "北京市",
      city: "北京市",
      county: "朝阳区",
    }),
  ],
  [
    "上海市闵行区虹桥镇",
    "",
    agency({
      as_printed: "上海市闵行区虹桥镇",
      name: "上海市闵行区虹桥镇人民政府",
      kind: "乡镇",
      province: "上海市",
      city: "上海市",
      county: "闵行区",
      town: "虹桥镇",
    }),
  ],
  [
    "北京市发改委",
    "",
    agency({
      as_printed: "北京市发改委",
      name: "北京市发展和改革委员会",
      kind: "部门",
      province: "北京市",
      city: "北京市",
      department: "发展和改革委员会",
      parent: "北京市人民政府",
    }),
  ],
  [
    "恩施州民政局",
    "",
    agency({
      as_printed: "恩施州民政局",
      name: "恩施土家族苗族自治州民政局",
      kind: "部门",
      province: "湖北省",
      city: "恩施土家族苗族自治州",
      department: "民政局",
      parent: "恩施土家族苗族自治州人民政府",
    }),
  ],
  [
    "城关镇", // 88 in the gazetteer; the report's 来源 line names its county
    "来源：舒城县人民政府\n城关镇2023年政府信息公开工作年度报告",
    agency({
      as_printed: "城关镇",
      name: "六安市舒城县城关镇人民政府",
      kind: "乡镇",
      province: "安徽省",
      city: "六安市",
      county: "舒城县",
      town: "城关镇",
    }),
  ],
  [
    "发改局", // no region in the title; the 落款 has it
    "发改局2023年政府信息公开工作年度报告\n……\n曲靖市沾益区发展和改革局\n2024年1月20日",
    agency({
      as_printed: "发改局",
      name: "曲靖市沾益区发展和改革局",
      kind: "部门",
      province: "云南省",
      city: "曲靖市",
      county: "沾益区",
      department: "发展和改革局",
      parent: "曲靖市沾益区人民政府",
    }),
  ],
  [
    "天津市滨海新区人民政府", // a real district despite 新区
    "",
    agency({
      as_printed: "天津市滨海新区人民政府",
      name: "天津市滨海新区人民政府",
      kind: "区县政府",
      province: "天津市",
      city: "天津市",
      county: "滨海新区",
    }),
  ],
  [
    "漯河经济技术开发区管委会", // a functional zone, coded as a county
    "",
    agency({
      as_printed: "漯河经济技术开发区管委会",
      name: "漯河市漯河经济技术开发区管理委员会",
      kind: "其他",
      province: "河南省",
      city: "漯河市",
      county: "漯河经济技术开发区",
    }),
  ],
  [
    "北京市朝阳区南磨房地区办事处",
    "",
    agency({
      as_printed: "北京市朝阳区南磨房地区办事处",
      name: "北京市朝阳区南磨房地区办事处",
      kind: "街道",
      province: "北京市",
      city: "北京市",
      county: "朝阳区",
      town: "南磨房地区",
    }),
  ],
  [
    "达茂旗查干哈达苏木", // 达茂旗: the usual abbreviation of 达尔罕茂明安联合旗
    "",
    agency({
      as_printed: "达茂旗查干哈达苏木",
      name: "包头市达尔罕茂明安联合旗查干哈达苏木人民政府",
      kind: "乡镇",
      province: "内蒙古自治区",
      city: "包头市",
      county: "达尔罕茂明安联合旗",
      town: "查干哈达苏木",
    }),
  ],
  [
    "沾益县发改局", // 沾益县 became 沾益区 in 2016; older reports keep the old name
    "",
    agency({
      as_printed: "沾益县发改局",
      name: "曲靖市沾益区发展和改革局",
      kind: "部门",
      province: "云南省",
      city: "曲靖市",
      county: "沾益区",
      department: "发展和改革局",
      parent: "曲靖市沾益区人民政府",
    }),
  ],
  [
    "四川遂宁安居区聚贤镇人民政府",
    "",
    agency({
      as_printed: "四川遂宁安居区聚贤镇人民政府",
      name: "遂宁市安居区聚贤镇人民政府",
      kind: "乡镇",
      province: "四川省",
      city: "遂宁市",
      county: "安居区",
      town: "聚贤镇",
    }),
  ],
  [
    "县财政局", // the level word without the region: the 落款 gives it
    "米易县财政局\n2021年1月",
    agency({
      as_printed: "县财政局",
      name: "攀枝花市米易县财政局",
      kind: "部门",
      province: "四川省",
      city: "攀枝花市",
      county: "米易县",
      department: "财政局",
      parent: "攀枝花市米易县人民政府",
    }),
  ],
  [
    "关于淮安市洪泽区人民政府2024年度政府信息公开工作年度报告", // a whole title passed as the name
    "",
    agency({
      as_printed: "关于淮安市洪泽区人民政府2024年度政府信息公开工作年度报告",
      name: "淮安市洪泽区人民政府",
      kind: "区县政府",
      province: "江苏省",
      city: "淮安市",
      county: "洪泽区",
    }),
  ],
  [
    "相山区凤凰山管委会",
    "",
    agency({
      as_printed: "相山区凤凰山管委会",
      name: "淮北市相山区凤凰山管理委员会",
      kind: "其他",
      province: "安徽省",
      city: "淮北市",
      county: "相山区",
    }),
  ],
];

describe("resolveAgency on real naming patterns", () => {
  it.each(RESOLVED)("%s", (asPrinted, text, expected) => {
    const result = resolveAgency({ asPrinted, text });
    expect(result.agency).toEqual(expected);
    expect(result.findings).toEqual([]);
  });

  it("gives the statistics-bureau codes of every resolved level", () => {
    const { regionCodes } = resolveAgency({ asPrinted: "重庆市九龙坡区白市驿镇人民政府", text: "" });
    expect(regionCodes).toEqual({ province: "50", city: "5001", county: "500107", town: "500107105" });
  });
});

// Unresolved: an AGENCY_UNRESOLVED finding, the levels the evidence supports and nothing more.
const UNRESOLVED: [string | null, string, AgencyInfo][] = [
  ["城关镇", "", agency({ as_printed: "城关镇", kind: "乡镇" })],
  ["城关镇人民政府", "舒城县 临河区", agency({ as_printed: "城关镇人民政府", kind: "乡镇" })],
  [
    "城关镇人民政府",
    "六安市", // two 城关镇 in 六安市: the city is known, the county is not
    agency({ as_printed: "城关镇人民政府", kind: "乡镇", province: "安徽省", city: "六安市" }),
  ],
  ["朝阳区人民政府", "", agency({ as_printed: "朝阳区人民政府", kind: "区县政府" })],
  ["中共某某县委", "", agency({ as_printed: "中共某某县委", kind: "其他" })],
  ["财政局", "本局依法公开", agency({ as_printed: "财政局", kind: "部门", department: "财政局" })],
  ["不存在县某某镇", "", agency({ as_printed: "不存在县某某镇", kind: "乡镇" })],
  [
    "舒城县某某镇", // a county we know, a town we do not: the county stays, the town is not invented
    "",
    agency({
      as_printed: "舒城县某某镇",
      kind: "乡镇",
      province: "安徽省",
      city: "六安市",
      county: "舒城县",
    }),
  ],
  [
    "沈阳市朝阳区人民政府", // 朝阳区 is in 北京 and 长春, not in 沈阳: a misprint is not silently accepted
    "",
    agency({ as_printed: "沈阳市朝阳区人民政府", kind: "区县政府", province: "辽宁省", city: "沈阳市" }),
  ],
  [null, "", agency({ as_printed: null })],
  ["   ", "", agency({ as_printed: "   " })],
];

describe("resolveAgency when the name does not single out one agency", () => {
  it.each(UNRESOLVED)("%s", (asPrinted, text, expected) => {
    const result = resolveAgency({ asPrinted, text });
    expect(result.agency).toEqual(expected);
    expect(result.findings).toHaveLength(1);
    expect(result.findings[0]).toMatchObject({ code: "AGENCY_UNRESOLVED", kind: "uncertain", cells: [] });
    expect(result.findings[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it("names the candidates of an ambiguous name", () => {
    const [finding] = resolveAgency({ asPrinted: "朝阳区人民政府", text: "" }).findings;
    expect(finding?.message).toContain("北京市朝阳区");
    expect(finding?.message).toContain("长春市朝阳区");
  });
});
