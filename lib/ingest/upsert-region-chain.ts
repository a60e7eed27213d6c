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
  let parent: RegionRef | null = null;
  for (const level of LEVELS) {
    const code = codes[level];
    const name = agency[level];
    if (!code || !name) continue;
    const path = `${parent?.path ?? ""}${code}/`;
    // ON CONFLICT DO NOTHING: a concurrent ingestion (or the gazetteer sync) may create the same region.
    await tx.region.createMany({
      data: [{ code, name, level, parentCode: parent?.code ?? null, path }],
      skipDuplicates: true,
    });
    const region = await tx.region.findUniqueOrThrow({ where: { code }, select: { code: true, path: true } });
    parent = region;
  }
  return parent;
}
