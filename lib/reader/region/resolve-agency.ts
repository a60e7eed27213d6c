// Resolve an agency name as printed (沾益区发改局, 郾城区裴城镇) into its full official name, kind and region
// levels with statistics-bureau codes. Unresolved or ambiguous → an AGENCY_UNRESOLVED finding, never a guess.
import type { AgencyInfo, AgencyKind, Finding, RegionCodes } from "../types";
import { classifyAgencyRest, type AgencyRole } from "./classify-agency-rest";
import {
  describeRegion,
  fillMunicipalityCity,
  formatGovernmentName,
  formatRegionPrefix,
} from "./describe-region";
import { loadGazetteer, type Gazetteer, type RegionNode } from "./load-gazetteer";
import { findRegionPrefixInText } from "./match-region-in-text";
import { matchRegionNames } from "./match-region-names";
import { pickRegion } from "./pick-region";

export interface ResolvedAgency {
  agency: AgencyInfo;
  regionCodes: RegionCodes;
  findings: Finding[];
}

export function resolveAgency(input: { asPrinted: string | null; text: string }): ResolvedAgency {
  const printed = normalizeAgencyName(input.asPrinted ?? "");
  if (!printed) return unresolvedResult(input.asPrinted, "未识别到机关名称，无法确定所属地区，请人工补充。");
  const gazetteer = loadGazetteer();
  const role = classifyAgencyRest(matchRegionNames(printed, gazetteer).rest);
  const match = matchWithTextContext(printed, role, input.text, gazetteer);
  const pick = pickRegion(match, input.text);
  const region = pick.node ?? pick.shared;
  const levels = describeRegion(region);
  if (region)
    fillMunicipalityCity(
      levels,
      gazetteer.byName.get(region.name)?.find((n) => n.level === "city"),
    );
  const kind = decideKind(role, pick.node ?? pick.ambiguous[0] ?? null);

  const findings: Finding[] = [];
  let names = {
    name: null as string | null,
    department: null as string | null,
    parent: null as string | null,
  };
  if (pick.ambiguous.length > 0) {
    findings.push(unresolvedFinding(describeAmbiguity(match.names.at(-1)?.text ?? printed, pick.ambiguous)));
  } else if (!pick.node) {
    findings.push(unresolvedFinding(`“${printed}”中未找到可识别的行政区划名称，请人工确认所属地区。`));
  } else if (role.role === "unknown-town") {
    const where = formatRegionPrefix(pick.node);
    findings.push(unresolvedFinding(`行政区划库中未找到${where}下的“${role.town}”，请人工确认。`));
  } else {
    names = formatNames(
      pick.node,
      kind === "其他" && role.role === "government" ? { role: "other", name: "" } : role,
    );
  }
  if (role.role === "department") names.department = role.department;

  const agency: AgencyInfo = {
    name: names.name,
    as_printed: input.asPrinted,
    kind,
    ...levels.names,
    department: names.department,
    parent: names.parent,
  };
  return { agency, regionCodes: levels.codes, findings };
}

// A name without its region, or with an ambiguous one (城关镇), is completed from its mentions in the text:
// “米易县城关镇”, “曲靖市沾益区发展和改革局”.
function matchWithTextContext(printed: string, role: AgencyRole, text: string, gazetteer: Gazetteer) {
  const match = matchRegionNames(printed, gazetteer);
  if (pickRegion(match, "").node) return match;
  const regionPart = printed.slice(0, printed.length - match.rest.length);
  const mentions = regionPart ? [printed, regionPart] : [printed];
  if (role.role === "department" && !regionPart) mentions.push(role.department);
  for (const mention of mentions) {
    const prefix = findRegionPrefixInText(mention, text, gazetteer);
    if (!prefix) continue;
    const completed = matchRegionNames(prefix + printed, gazetteer);
    if (completed.rest === match.rest && completed.names.length > 0) return completed;
  }
  return match;
}

/** NFKC (full-width letters, digits, brackets), no whitespace: 沾 益 区 → 沾益区. */
export function normalizeAgencyName(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "");
}

function formatNames(node: RegionNode, role: Exclude<AgencyRole, { role: "unknown-town" }>) {
  const prefix = formatRegionPrefix(node);
  switch (role.role) {
    case "government":
      return { name: formatGovernmentName(node), department: null, parent: null };
    case "department":
      return {
        name: `${prefix}${role.department}`,
        department: role.department,
        parent: formatGovernmentName(node),
      };
    case "other":
      return { name: `${prefix}${role.name}`, department: null, parent: null };
  }
}

const GOVERNMENT_KIND = { province: "省政府", city: "市政府", county: "区县政府", town: "乡镇" } as const;

function decideKind(role: AgencyRole, region: RegionNode | null): AgencyKind | null {
  if (role.role === "department") return "部门";
  if (role.role === "other") return "其他";
  if (role.role === "unknown-town") return role.town.endsWith("街道") ? "街道" : "乡镇";
  if (!region) return null;
  // Development zones sit in the gazetteer as counties (漯河经济技术开发区) but are governed by a 管委会.
  if (/开发区|高新区|园区|新区|示范区|试验区/.test(region.name)) return "其他";
  if (region.level === "town" && region.name.endsWith("街道")) return "街道";
  return GOVERNMENT_KIND[region.level];
}

function describeAmbiguity(name: string, candidates: RegionNode[]): string {
  const examples = candidates.slice(0, 3).map((node) => formatRegionPrefix(node));
  const more = candidates.length > 3 ? "等" : "";
  return `无法确定“${name}”所属地区：行政区划中符合的有 ${candidates.length} 处（${examples.join("、")}${more}），报告中没有足以区分的上下文，请人工确认。`;
}

function unresolvedFinding(message: string): Finding {
  return { code: "AGENCY_UNRESOLVED", severity: "warning", kind: "uncertain", cells: [], message };
}

function unresolvedResult(asPrinted: string | null, message: string): ResolvedAgency {
  const none = { province: null, city: null, county: null, town: null };
  return {
    agency: { name: null, as_printed: asPrinted, kind: null, ...none, department: null, parent: null },
    regionCodes: { ...none },
    findings: [unresolvedFinding(message)],
  };
}
