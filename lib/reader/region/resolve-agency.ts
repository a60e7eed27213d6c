// Resolve an agency name as printed (沾益区发改局, 郾城区裴城镇) into its full official name, kind and region
// levels with statistics-bureau codes. Unresolved or ambiguous → an AGENCY_UNRESOLVED finding, never a guess.
import type { AgencyInfo, AgencyKind, Finding, RegionCodes } from "../types";
import { classifyAgencyRest, type AgencyRole } from "./classify-agency-rest";
import {
  decideRegionKind,
  describeRegion,
  fillMunicipalityCity,
  formatGovernmentName,
  formatRegionPrefix,
} from "./describe-region";
import { loadGazetteer, type Gazetteer, type RegionNode } from "./load-gazetteer";
import { findRegionPrefixInText } from "./match-region-in-text";
import { matchRegionNames, type RegionNameMatch } from "./match-region-names";
import { pickRegion, selectContext, type RegionPick } from "./pick-region";

export interface ResolvedAgency {
  agency: AgencyInfo;
  regionCodes: RegionCodes;
  findings: Finding[];
}

interface OfficialNames {
  name: string | null;
  department: string | null;
  parent: string | null;
}

export function resolveAgency(input: { asPrinted: string | null; text: string }): ResolvedAgency {
  const printed = normalizeAgencyName(input.asPrinted ?? "");
  if (!printed) return unresolvedResult(input.asPrinted, "未识别到机关名称，无法确定所属地区，请人工补充。");
  const gazetteer = loadGazetteer();
  const printedMatch = matchRegionNames(printed, gazetteer);
  const role = classifyAgencyRest(printedMatch.rest);
  // The text is only read when the name alone does not decide (most names do: no cost for them).
  const namePick = pickRegion(printedMatch, "");
  const text = namePick.node ? "" : selectContext(input.text);
  const match = text ? completeFromText(printed, printedMatch, role, text, gazetteer) : printedMatch;
  const pick = text ? pickRegion(match, text) : namePick;

  const region = pick.node ?? pick.shared;
  const levels = describeRegion(region);
  const municipalityCity = region && gazetteer.byName.get(region.name)?.find((node) => node.level === "city");
  fillMunicipalityCity(levels, municipalityCity ?? undefined);

  const problem = describeProblem(printed, match, pick, role);
  const names: OfficialNames =
    pick.node && !problem
      ? formatOfficialNames(pick.node, role)
      : { name: null, department: role.role === "department" ? role.department : null, parent: null };
  const agency: AgencyInfo = {
    name: names.name,
    as_printed: input.asPrinted,
    kind: decideKind(role, pick),
    ...levels.names,
    department: names.department,
    parent: names.parent,
  };
  return { agency, regionCodes: levels.codes, findings: problem ? [unresolvedFinding(problem)] : [] };
}

/**
 * NFKC (full-width letters, digits, brackets), no whitespace (沾 益 区 → 沾益区), and without the title words a
 * name may still carry: “关于…”, “…2023年度政府信息公开工作年度报告”.
 */
function normalizeAgencyName(name: string): string {
  return name
    .normalize("NFKC")
    .replace(/\s+/g, "")
    .replace(/^关于/, "")
    .replace(/(?:\d{4}年.*|政府信息公开.*年度报告.*)$/, "");
}

// A name without its region (发改局), or with an ambiguous one (城关镇), is completed from its mentions in the
// report's text: “米易县城关镇”, 落款 “曲靖市沾益区发展和改革局”.
function completeFromText(
  printed: string,
  match: RegionNameMatch,
  role: AgencyRole,
  text: string,
  gazetteer: Gazetteer,
): RegionNameMatch {
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

function describeProblem(printed: string, match: RegionNameMatch, pick: RegionPick, role: AgencyRole) {
  if (pick.ambiguous.length > 0)
    return describeAmbiguity(match.names.at(-1)?.text ?? printed, pick.ambiguous);
  if (!pick.node) return `“${printed}”中未找到可识别的行政区划名称，请人工确认所属地区。`;
  if (role.role === "unknown-region") {
    return `行政区划库中${formatRegionPrefix(pick.node)}下没有“${role.region}”，请人工确认所属地区。`;
  }
  return null;
}

function formatOfficialNames(node: RegionNode, role: AgencyRole): OfficialNames {
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
    case "unknown-region":
      return { name: null, department: null, parent: null };
  }
}

function decideKind(role: AgencyRole, pick: RegionPick): AgencyKind | null {
  if (role.role === "department") return "部门";
  if (role.role === "other") return "其他";
  if (role.role === "unknown-region") return role.kind;
  if (pick.node) return decideRegionKind(pick.node);
  // Ambiguous: the kind is known when every candidate governs the same kind of region (88 城关镇 → 乡镇).
  const kinds = new Set(pick.ambiguous.map(decideRegionKind));
  return kinds.size === 1 ? [...kinds][0]! : null;
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
