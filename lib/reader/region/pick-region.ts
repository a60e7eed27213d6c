// Choose the one region an agency name means. Names repeat (城关镇 ×88, 朝阳区 ×2): the other names printed
// with it narrow the candidates first; then the report's own text (来源 lines, 落款, prose naming the county or
// city) may single one out. Anything still ambiguous stays unresolved: we never guess.
import { isAncestor, type RegionNameMatch } from "./match-region-names";
import type { RegionNode } from "./load-gazetteer";

export interface RegionPick {
  /** The region, when exactly one candidate remains. */
  node: RegionNode | null;
  /** When ambiguous: the deepest region all candidates share (a province, say), else null. */
  shared: RegionNode | null;
  /** The candidates left when ambiguous (empty when resolved or when no name matched). */
  ambiguous: RegionNode[];
}

// Where reports name themselves: the title and opening prose, and the 落款 / 来源 at the end. Searching only
// these keeps an ambiguous name (88 candidates × 3 names) well under a millisecond on long reports.
const CONTEXT_HEAD_CHARS = 3000;
const CONTEXT_TAIL_CHARS = 1500;

/** `context`: the part of the report that may name the region (see selectContext), "" for the name alone. */
export function pickRegion(match: RegionNameMatch, context: string): RegionPick {
  const innermost = match.names[match.names.length - 1];
  if (!innermost) return { node: null, shared: null, ambiguous: [] };
  const candidates = dropNestedCandidates(innermost.candidates);
  if (candidates.length === 1) return { node: candidates[0]!, shared: null, ambiguous: [] };
  const ranked = rankByContext(candidates, context);
  if (ranked.length === 1) return { node: ranked[0]!, shared: null, ambiguous: [] };
  return { node: null, shared: findSharedAncestor(ranked), ambiguous: ranked };
}

// 重庆市 is both the province and its city level: the outer one stands for both.
function dropNestedCandidates(candidates: RegionNode[]): RegionNode[] {
  if (candidates.length < 2) return candidates;
  const set = new Set(candidates);
  return candidates.filter((node) => {
    for (let up = node.parent; up; up = up.parent) if (set.has(up)) return false;
    return true;
  });
}

/** The head and the tail of the report, without whitespace (PDF text spaces out names: 淮 安 市). */
export function selectContext(text: string): string {
  const window =
    text.length <= CONTEXT_HEAD_CHARS + CONTEXT_TAIL_CHARS
      ? text
      : `${text.slice(0, CONTEXT_HEAD_CHARS)}\n${text.slice(-CONTEXT_TAIL_CHARS)}`;
  return window.replace(/[ \t\r\u3000]+/g, "");
}

// A mention of the candidate's county outweighs its city, which outweighs its province. Only a single best
// candidate counts as found; a tie still narrows the candidates (六安市 in the text: two 城关镇 of 六安市 remain).
function rankByContext(candidates: RegionNode[], context: string): RegionNode[] {
  if (!context) return candidates;
  let best: RegionNode[] = [];
  let bestScore = 0;
  const mentioned = new Map<RegionNode, boolean>(); // candidates share cities and provinces: search each once
  for (const candidate of candidates) {
    const score = scoreMentions(candidate, context, mentioned);
    if (score > bestScore) [best, bestScore] = [[candidate], score];
    else if (score === bestScore && score > 0) best.push(candidate);
  }
  return bestScore > 0 ? best : candidates;
}

const MENTION_WEIGHT = { province: 1, city: 2, county: 4, town: 8 } as const;

function scoreMentions(candidate: RegionNode, context: string, mentioned: Map<RegionNode, boolean>): number {
  let score = 0;
  for (let up = candidate.parent; up; up = up.parent) {
    let found = mentioned.get(up);
    if (found === undefined) mentioned.set(up, (found = mentions(context, up)));
    if (found) score += MENTION_WEIGHT[up.level];
  }
  return score;
}

function mentions(context: string, node: RegionNode): boolean {
  if (context.includes(node.name)) return true;
  // Prose often drops the 市 of a city (曲靖 for 曲靖市); shorter stems would match unrelated words.
  const stem = node.level === "city" && node.name.endsWith("市") ? node.name.slice(0, -1) : null;
  return stem !== null && stem.length >= 2 && context.includes(stem);
}

function findSharedAncestor(candidates: RegionNode[]): RegionNode | null {
  const [first, ...others] = candidates;
  for (let up = first?.parent ?? null; up; up = up.parent) {
    const ancestor = up;
    if (others.every((node) => isAncestor(ancestor, node))) return ancestor;
  }
  return null;
}
