// Split an agency name into the region names it starts with (遂宁市 · 安居区 · 聚贤镇) and the rest (人民政府,
// 发改局 …). Each name keeps only the gazetteer nodes consistent with the names before it.
import type { Gazetteer, RegionLevel, RegionNode } from "./load-gazetteer";

export interface RegionNameMatch {
  /** The region names found, outermost first, each with its remaining candidates. */
  names: { text: string; candidates: RegionNode[] }[];
  /** What follows the last region name. */
  rest: string;
}

const DEPTH: Record<RegionLevel, number> = { province: 0, city: 1, county: 2, town: 3 };

export function isAncestor(ancestor: RegionNode, node: RegionNode): boolean {
  for (let up = node.parent; up; up = up.parent) if (up === ancestor) return true;
  return false;
}

/** Longest gazetteer name at each position that lies inside the previous one; stops at the first non-name. */
export function matchRegionNames(name: string, gazetteer: Gazetteer): RegionNameMatch {
  const names: RegionNameMatch["names"] = [];
  let position = 0;
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
): { text: string; candidates: RegionNode[] } | null {
  const longest = Math.min(gazetteer.maxNameLength, name.length - position);
  for (let length = longest; length >= 2; length--) {
    const text = name.slice(position, position + length);
    const nodes = gazetteer.byName.get(text);
    if (!nodes) continue;
    const candidates = outer ? nodes.filter((node) => outer.some((o) => isAncestor(o, node))) : nodes;
    if (candidates.length > 0) return { text, candidates };
  }
  return null;
}

// An inner name also decides its outer names: 朝阳区 (北京 or 长春) followed by a town only in 北京.
function narrowOuterNames(names: RegionNameMatch["names"]): void {
  for (let i = names.length - 2; i >= 0; i--) {
    const current = names[i]!;
    const inner = names[i + 1]!.candidates;
    current.candidates = current.candidates.filter((node) => inner.some((n) => isAncestor(node, n)));
  }
}

export function levelDepth(level: RegionLevel): number {
  return DEPTH[level];
}
