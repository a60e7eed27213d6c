// A name printed without its region (发改局, 聚贤镇) often appears in the report's own text with it
// (“沾益区发改局2023年…”, 落款 “曲靖市沾益区发展和改革局”). Read the region names just before those mentions.
import type { Gazetteer } from "./load-gazetteer";
import { matchRegionNames, type RegionNameMatch } from "./match-region-names";
import { pickRegion } from "./pick-region";

// Enough for 省 + 自治州 + 县 + 镇 names in full; longer windows only add prose that cannot parse as names.
const WINDOW_CHARS = 32;
const MAX_MENTIONS = 8;

/**
 * The region names (as printed) right before the mentions of `mention` in the text, when the mentions that have
 * some agree on one region: “曲靖市沾益区” for 发改局. Null when none has, or when they disagree.
 */
export function findRegionPrefixInText(mention: string, text: string, gazetteer: Gazetteer): string | null {
  if (mention.length < 2) return null;
  let prefix: string | null = null;
  let code: string | null = null;
  let seen = 0;
  for (let at = text.indexOf(mention); at >= 0 && seen < MAX_MENTIONS; at = text.indexOf(mention, at + 1)) {
    seen++;
    const before = matchNamesEndingAt(text, at, gazetteer);
    const node = before ? pickRegion(before, "").node : null;
    if (!before || !node) continue;
    if (code !== null && node.code !== code) return null;
    const names = before.names.map((name) => name.text).join("");
    if (prefix === null || names.length > prefix.length) prefix = names;
    code = node.code;
  }
  return prefix;
}

// The longest run of region names that ends exactly where the mention starts.
function matchNamesEndingAt(text: string, end: number, gazetteer: Gazetteer): RegionNameMatch | null {
  for (let start = Math.max(0, end - WINDOW_CHARS); start <= end - 2; start++) {
    const match = matchRegionNames(text.slice(start, end), gazetteer);
    if (match.rest === "" && match.names.length > 0) return match;
  }
  return null;
}
