// What an agency name says after its region names: the government itself (人民政府), a department (发改局),
// another body (管委会), or a town the gazetteer does not know (a renamed or new 镇).
import { looksLikeDepartment, matchDepartment } from "./match-department";

export type AgencyRole =
  | { role: "government" }
  | { role: "department"; department: string }
  | { role: "other"; name: string }
  | { role: "unknown-town"; town: string };

const GOVERNMENT_WORDS = new Set(["", "人民政府", "政府", "办事处", "街道办事处", "人民政府办事处"]);

// Bodies outside the closed list of governments and departments (template.md: 其他).
const OTHER_BODY = /管委会|管理委员会|开发区|高新区|园区|新区|示范区|试验区|保税区|工委/;

const UNKNOWN_TOWN = /^(.{1,12}?(?:镇|乡|街道|苏木))(?:人民政府|政府|街道办事处|办事处)?$/;

export function classifyAgencyRest(rest: string): AgencyRole {
  if (GOVERNMENT_WORDS.has(rest)) return { role: "government" };
  const department = matchDepartment(rest);
  if (department) return { role: "department", department };
  if (OTHER_BODY.test(rest)) return { role: "other", name: rest.replace(/管委会$/, "管理委员会") };
  if (looksLikeDepartment(rest)) return { role: "department", department: rest };
  const town = UNKNOWN_TOWN.exec(rest)?.[1];
  if (town) return { role: "unknown-town", town };
  return { role: "other", name: rest };
}
