// What an agency name says after its region names: the government itself (人民政府), a department (发改局),
// another body (管委会), or a region the gazetteer does not know there (a renamed 镇, a misprinted county).
import type { AgencyKind } from "../types";
import { looksLikeDepartment, matchDepartment } from "./match-department";

export type AgencyRole =
  | { role: "government" }
  | { role: "department"; department: string }
  | { role: "other"; name: string }
  | { role: "unknown-region"; region: string; kind: AgencyKind | null };

const GOVERNMENT_WORDS = new Set(["", "人民政府", "政府", "办事处", "街道办事处", "人民政府办事处"]);

// Bodies outside the closed list of governments and departments (template.md: 其他).
// Party, congress and court bodies are not government agencies either.
const OTHER_BODY =
  /管委会|管理委员会|开发区|高新区|园区|新区|示范区|试验区|保税区|工委|^中共|^中国共产党|党委|纪委|人大|政协|法院|检察院/;

// A region name by its suffix, followed at most by the word for its government.
const UNKNOWN_REGION =
  /^(.{1,12}?(镇|乡|街道|苏木|区|县|旗|省|自治区|市|自治州|州|盟|地区))(?:人民政府|政府|街道办事处|办事处)?$/;

// 市/州/盟 may be a prefecture or a county-level city: the kind is left open.
const KIND_BY_SUFFIX: Record<string, AgencyKind | null> = {
  镇: "乡镇",
  乡: "乡镇",
  苏木: "乡镇",
  街道: "街道",
  区: "区县政府",
  县: "区县政府",
  旗: "区县政府",
  省: "省政府",
  自治区: "省政府",
};

export function classifyAgencyRest(rest: string): AgencyRole {
  if (GOVERNMENT_WORDS.has(rest)) return { role: "government" };
  // “市发改局”, “县财政局”: the level word alone, when the name omits the region itself.
  const department = matchDepartment(rest) ?? matchDepartment(rest.replace(/^[省市区县州旗]/, ""));
  if (department) return { role: "department", department };
  if (OTHER_BODY.test(rest)) return { role: "other", name: rest.replace(/管委会$/, "管理委员会") };
  if (looksLikeDepartment(rest)) return { role: "department", department: rest };
  const region = UNKNOWN_REGION.exec(rest);
  if (region?.[1] && region[2])
    return { role: "unknown-region", region: region[1], kind: KIND_BY_SUFFIX[region[2]] ?? null };
  return { role: "other", name: rest };
}
