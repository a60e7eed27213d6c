// The region picker's lists: the provinces, and under each region of the selected chain its children — one
// query however deep the selection. A municipality's city level (重庆市 under 重庆市) is skipped, so the
// picker goes 重庆市 → 九龙坡区.
//   const levels = await listRegionOptions({ db, chain: trail?.chain ?? [] });
import type { PrismaClient } from "@/lib/generated/prisma/client";

export interface RegionOption {
  code: string;
  name: string;
}

export interface RegionPickerLevel {
  /** The code whose children these are ("" for the provinces). */
  parentCode: string;
  options: RegionOption[];
  /** The option of the chain at this level, or null. */
  selected: string | null;
}

export async function listRegionOptions(options: {
  db: PrismaClient;
  /** The selected region's chain, province first (getRegionTrail().chain); [] for none. */
  chain: readonly { code: string; name: string }[];
}): Promise<RegionPickerLevel[]> {
  const { db, chain } = options;
  const codes = chain.map((region) => region.code);
  const rows = await db.$queryRaw<{ code: string; name: string; parentCode: string | null }[]>`
    WITH parents AS (
      SELECT unnest(${codes}::text[]) AS "code"
      UNION
      -- the municipality's only same-name child is folded: list its children too
      SELECT c."code" FROM "Region" c JOIN "Region" p ON p."code" = c."parentCode"
       WHERE p."code" = ANY(${codes}::text[]) AND c."name" = p."name"
    )
    -- Two index ranges of Region(parentCode), not one OR: "IS NULL OR IN (…)" walked all 44,692 regions
    -- (30 ms on every page with a region picker; 0.4 ms this way).
    SELECT r."code", r."name", r."parentCode" FROM "Region" r WHERE r."parentCode" IS NULL
    UNION ALL
    SELECT r."code", r."name", r."parentCode" FROM "Region" r
     WHERE r."parentCode" = ANY(ARRAY(SELECT "code" FROM parents))
    ORDER BY "code"`;
  return buildPickerLevels(rows, chain);
}

/** Pure: rows (code, name, parentCode) and the chain → the picker's levels, municipality levels folded. */
export function buildPickerLevels(
  rows: readonly { code: string; name: string; parentCode: string | null }[],
  chain: readonly { code: string; name: string }[],
): RegionPickerLevel[] {
  const childrenOf = new Map<string, RegionOption[]>();
  for (const row of rows) {
    const key = row.parentCode ?? "";
    childrenOf.set(key, [...(childrenOf.get(key) ?? []), { code: row.code, name: row.name }]);
  }
  const selectedCodes = new Set(chain.map((region) => region.code));
  const levels: RegionPickerLevel[] = [];
  let parent: { code: string; name: string } | null = null;
  for (;;) {
    let key: string = parent?.code ?? "";
    let options: RegionOption[] = childrenOf.get(key) ?? [];
    // 重庆市 → 重庆市 → districts: skip the repeated level.
    if (parent && options.length === 1 && options[0]!.name === parent.name) {
      key = options[0]!.code;
      options = childrenOf.get(key) ?? [];
    }
    if (options.length === 0) break;
    const selected = options.find((option) => selectedCodes.has(option.code)) ?? null;
    levels.push({ parentCode: key, options, selected: selected?.code ?? null });
    if (!selected) break;
    parent = selected;
  }
  return levels;
}
