// The region levels of a gazetteer node as the reader reports them, and the prefix of official names
// (遂宁市安居区聚贤镇, 重庆市九龙坡区): the city and below, or the province for provincial bodies.
import type { RegionCodes } from "../types";
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

/** The government of a region: …人民政府, or …街道办事处 for a 街道 (an agency of the county, not a government). */
export function formatGovernmentName(node: RegionNode): string {
  const prefix = formatRegionPrefix(node);
  return node.level === "town" && node.name.endsWith("街道") ? `${prefix}办事处` : `${prefix}人民政府`;
}
