// Finds or creates the regions of a reading (province → city → county → town, levels the gazetteer
// resolved) and returns the innermost one. Levels may be skipped (仙桃市 hangs on its province), so each
// region's parent is the previous resolved level and its path extends the parent's stored path.
import type { RegionLevel } from "@/lib/generated/prisma/client";
import type { AgencyInfo, RegionCodes } from "@/lib/reader/types";
import type { Tx } from "@/lib/ingest/ingest-types";

const LEVELS = ["province", "city", "county", "town"] as const satisfies readonly RegionLevel[];

export interface RegionRef {
  code: string;
  path: string;
}

export async function upsertRegionChain(
  tx: Tx,
  codes: RegionCodes,
  agency: AgencyInfo,
): Promise<RegionRef | null> {
  const chain = LEVELS.flatMap((level) => {
    const code = codes[level];
    const name = agency[level];
    return code && name ? [{ level, code, name }] : [];
  });
  if (chain.length === 0) return null;
  // Usually every region exists already (the gazetteer sync fills them): one query, nothing to write.
  const known = await tx.region.findMany({
    where: { code: { in: chain.map((link) => link.code) } },
    select: { code: true, path: true },
  });
  const byCode = new Map(known.map((region) => [region.code, region]));
  let parent: RegionRef | null = null;
  for (const { level, code, name } of chain) {
    let region: RegionRef | undefined = byCode.get(code);
    if (!region) {
      const path = `${parent?.path ?? ""}${code}/`;
      // ON CONFLICT DO NOTHING: a concurrent ingestion may create the same region.
      await tx.region.createMany({
        data: [{ code, name, level, parentCode: parent?.code ?? null, path }],
        skipDuplicates: true,
      });
      region = await tx.region.findUniqueOrThrow({ where: { code }, select: { code: true, path: true } });
    }
    parent = region;
  }
  return parent;
}
