// A region and the chain above it (province → … → itself), for breadcrumbs and for the path prefix every
// regional filter uses. One query; null when the code is unknown.
//   const trail = await getRegionTrail(db, "500107");  // 重庆市 › 重庆市 › 九龙坡区
import type { PrismaClient, RegionLevel } from "@/lib/generated/prisma/client";

export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
  path: string;
}

export interface RegionTrail extends RegionRef {
  /** From the province down to the region itself (inclusive). */
  chain: RegionRef[];
  /**
   * Whose children the region page lists: the region itself, or — for a municipality, whose only child
   * is its own city level (重庆市 → 重庆市) — that child, so 重庆市 lists its districts directly.
   */
  groupPath: string;
}

export async function getRegionTrail(db: PrismaClient, code: string): Promise<RegionTrail | null> {
  const [chain, folded] = await Promise.all([
    db.$queryRaw<RegionRef[]>`
      SELECT x."code", x."name", x."level", x."path"
        FROM "Region" r
        JOIN "Region" x ON x."code" = ANY (string_to_array(rtrim(r."path", '/'), '/'))
       WHERE r."code" = ${code}
       ORDER BY length(x."path")`,
    db.$queryRaw<{ path: string }[]>`
      SELECT c."path" FROM "Region" r JOIN "Region" c ON c."parentCode" = r."code"
       WHERE r."code" = ${code} AND c."name" = r."name"
         AND (SELECT count(*) FROM "Region" s WHERE s."parentCode" = r."code") = 1`,
  ]);
  const self = chain.at(-1);
  if (!self || self.code !== code) return null;
  return { ...self, chain, groupPath: folded[0]?.path ?? self.path };
}

/**
 * The chain as people say it: a municipality's city level repeats its province (重庆市 › 重庆市) and is
 * left out, so 重庆市 › 九龙坡区.
 */
export function collapseRegionChain<T extends { name: string }>(chain: readonly T[]): T[] {
  return chain.filter((region, index) => index === 0 || region.name !== chain[index - 1]!.name);
}
