// Split an agency name into the region names it starts with (遂宁市 · 安居区 · 聚贤镇) and the rest (人民政府,
// 发改局 …). Each name keeps only the gazetteer nodes consistent with the names before it.
import { COUNTY_SUFFIX, type Gazetteer, type RegionNode } from "./load-gazetteer";

interface NameCandidates {
  text: string;
  candidates: RegionNode[];
}

export interface RegionNameMatch {
  /** The region names found, outermost first, each with its remaining candidates. */
  names: NameCandidates[];
  /** What follows the last region name. */
  rest: string;
}

export function isAncestor(ancestor: RegionNode, node: RegionNode): boolean {
  for (let up = node.parent; up; up = up.parent) if (up === ancestor) return true;
  return false;
}

/** Longest gazetteer name at each position that lies inside the previous one; stops at the first non-name. */
export function matchRegionNames(name: string, gazetteer: Gazetteer): RegionNameMatch {
  const names: RegionNameMatch["names"] = [];
  let position = 0;
  const abbreviated = matchAt(name, 0, null, gazetteer) ? null : matchAfterAbbreviation(name, gazetteer);
  if (abbreviated) {
    names.push(abbreviated.first);
    position = abbreviated.skip + abbreviated.first.text.length;
  }
  while (position < name.length) {
    const found = matchAt(name, position, names[names.length - 1]?.candidates ?? null, gazetteer);
    if (!found) break;
    names.push(found);
    position += found.text.length;
  }
  narrowOuterNames(names);
  return { names, rest: name.slice(position) };
}

function matchAt(
  name: string,
  position: number,
  outer: RegionNode[] | null,
  gazetteer: Gazetteer,
): NameCandidates | null {
  return (
    matchLongest(name, position, 2, outer, gazetteer, (text) => gazetteer.byName.get(text)) ??
    matchLongest(name, position, 3, outer, gazetteer, (text) => formerCountyNodes(text, gazetteer))
  );
}

// Counties renamed since (沾益县 → 沾益区, 宣威县 → 宣威市) are still printed under the old suffix: the stem
// finds them, only when no exact name did.
function formerCountyNodes(text: string, gazetteer: Gazetteer): RegionNode[] | undefined {
  const stem = COUNTY_SUFFIX.exec(text)?.[1];
  return stem ? gazetteer.countiesByStem.get(stem) : undefined;
}

/** The longest text at the position that `lookup` knows and that lies inside one of the outer nodes. */
function matchLongest(
  name: string,
  position: number,
  shortest: number,
  outer: RegionNode[] | null,
  gazetteer: Gazetteer,
  lookup: (text: string) => RegionNode[] | undefined,
): NameCandidates | null {
  const longest = Math.min(gazetteer.longestKeyByFirstChar.get(name[position]!) ?? 0, name.length - position);
  for (let length = longest; length >= shortest; length--) {
    const text = name.slice(position, position + length);
    const nodes = lookup(text);
    if (!nodes) continue;
    const candidates = outer ? nodes.filter((node) => outer.some((o) => isAncestor(o, node))) : nodes;
    if (candidates.length > 0) return { text, candidates };
  }
  return null;
}

// A name may start with an abbreviation the gazetteer does not list (达茂旗 for 达尔罕茂明安联合旗, 遂宁 for
// 遂宁市): accepted when a region name follows and the abbreviation's characters appear, in order, in the
// name of one of that region's ancestors.
const MAX_ABBREVIATION_CHARS = 8;

function matchAfterAbbreviation(name: string, gazetteer: Gazetteer) {
  for (let skip = 2; skip <= Math.min(MAX_ABBREVIATION_CHARS, name.length - 2); skip++) {
    const found = matchAt(name, skip, null, gazetteer);
    if (!found) continue;
    const abbreviation = name.slice(0, skip);
    const candidates = found.candidates.filter((node) => isAbbreviationOfAncestor(abbreviation, node));
    return candidates.length > 0 ? { skip, first: { text: found.text, candidates } } : null;
  }
  return null;
}

// 四川遂宁 for 四川省遂宁市: the abbreviation may span several levels, from any one of them down.
function isAbbreviationOfAncestor(abbreviation: string, node: RegionNode): boolean {
  let below = "";
  for (let up = node.parent; up; up = up.parent) {
    below = up.name + below;
    if (up.name.startsWith(abbreviation[0]!) && isSubsequence(abbreviation, below)) return true;
  }
  return false;
}

function isSubsequence(short: string, long: string): boolean {
  let at = 0;
  for (const char of long) if (char === short[at]) at++;
  return at === short.length;
}

// An inner name also decides its outer names: 朝阳区 (北京 or 长春) followed by a town only in 北京.
function narrowOuterNames(names: RegionNameMatch["names"]): void {
  for (let i = names.length - 2; i >= 0; i--) {
    const current = names[i]!;
    const inner = names[i + 1]!.candidates;
    current.candidates = current.candidates.filter((node) => inner.some((n) => isAncestor(node, n)));
  }
}
