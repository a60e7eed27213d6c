// The region levels of a gazetteer node as the reader reports them, and the prefix of official names
// (遂宁市安居区聚贤镇, 重庆市九龙坡区): the city and below, or the province for provincial bodies.
import type { AgencyKind, RegionCodes } from "../types";
import { MUNICIPALITIES, type RegionLevel, type RegionNode } from "./load-gazetteer";

export interface RegionLevels {
  names: Record<RegionLevel, string | null>;
  codes: RegionCodes;
}

export function describeRegion(node: RegionNode | null): RegionLevels {
  const names: RegionLevels["names"] = { province: null, city: null, county: null, town: null };
  const codes: RegionCodes = { province: null, city: null, county: null, town: null };
  for (let up = node; up; up = up.parent) {
    names[up.level] = up.name;
    codes[up.level] = up.code;
  }
  return { names, codes };
}

/** 直辖市: a provincial body of 重庆市 also has 重庆市 as its city (its code: the gazetteer's city level). */
export function fillMunicipalityCity(levels: RegionLevels, municipalityCity: RegionNode | undefined): void {
  if (!levels.names.province || !MUNICIPALITIES.has(levels.names.province) || levels.names.city) return;
  levels.names.city = levels.names.province;
  levels.codes.city = municipalityCity?.code ?? null;
}

/** The region part of an official name: 遂宁市安居区聚贤镇, 重庆市九龙坡区白市驿镇, 四川省 (provincial level). */
export function formatRegionPrefix(node: RegionNode): string {
  const { names } = describeRegion(node);
  if (node.level === "province") return node.name;
  const municipality = names.province && MUNICIPALITIES.has(names.province);
  // The municipality is printed once (重庆市九龙坡区…), a province never before a city.
  const parts = [municipality ? names.province : names.city, names.county, names.town];
  return parts.filter((part): part is string => part !== null).join("");
}

// Statistics-bureau code ranges: counties 71–80 are functional zones (漯河经济技术开发区); towns 001–099 are
// 街道 (and Beijing's 地区 offices), 100–399 镇/乡/苏木, 400+ 类似乡级单位 (开发区, 农场 …) run by a 管委会.
function isFunctionalZone(node: RegionNode): boolean {
  const serial = Number(node.code.slice(-2));
  if (node.level === "county") return serial >= 71 && serial <= 80;
  return node.level === "town" && Number(node.code.slice(-3)) >= 400;
}

function isStreetOffice(node: RegionNode): boolean {
  return node.level === "town" && Number(node.code.slice(-3)) < 100;
}

const GOVERNMENT_KIND = { province: "省政府", city: "市政府", county: "区县政府", town: "乡镇" } as const;

/** The kind of the body that governs a region: 乡镇, 街道, 区县政府 …, 其他 for a functional zone. */
export function decideRegionKind(node: RegionNode): AgencyKind {
  if (isFunctionalZone(node)) return "其他";
  if (isStreetOffice(node)) return "街道";
  return GOVERNMENT_KIND[node.level];
}

/**
 * The official name of the body governing a region: …人民政府; …街道办事处 for a 街道 (an office of the
 * county, not a government); the zone's own name for a functional zone.
 */
export function formatGovernmentName(node: RegionNode): string {
  const prefix = formatRegionPrefix(node);
  if (isFunctionalZone(node)) return prefix;
  return isStreetOffice(node) ? `${prefix}办事处` : `${prefix}人民政府`;
}
