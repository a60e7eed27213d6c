// Finds or creates the reporting agency of a reading by its full official name, with its regions, records
// the name as printed as an alias, and for a department links the government of its level (沾益区发改局 →
// 曲靖市沾益区人民政府), creating that government when it is not known yet.
import type { AgencyInfo, AgencyKind, RegionCodes } from "@/lib/reader/types";
import type { Tx } from "@/lib/ingest/ingest-types";
import { upsertRegionChain, type RegionRef } from "@/lib/ingest/upsert-region-chain";

export interface AgencyRef {
  id: number;
  kind: string;
  /** The agency's stored region (it may predate this reading). */
  region: RegionRef | null;
}

export async function upsertAgency(
  tx: Tx,
  info: AgencyInfo & { name: string },
  codes: RegionCodes,
): Promise<AgencyRef> {
  const region = await upsertRegionChain(tx, codes, info);
  const kind: AgencyKind = info.kind ?? "其他";
  const parentId =
    info.kind === "部门" && info.parent
      ? (await findOrCreate(tx, info.parent, governmentKind(info, codes), region, null)).id
      : null;
  const { id } = await findOrCreate(tx, info.name, kind, region, parentId);
  if (info.as_printed && info.as_printed !== info.name) {
    await tx.agencyAlias.createMany({
      data: [{ agencyId: id, name: info.as_printed }],
      skipDuplicates: true,
    });
  }
  return tx.agency.findUniqueOrThrow({
    where: { id },
    select: { id: true, kind: true, region: { select: { code: true, path: true } } },
  });
}

async function findOrCreate(
  tx: Tx,
  name: string,
  kind: AgencyKind,
  region: RegionRef | null,
  parentId: number | null,
): Promise<{ id: number }> {
  // ON CONFLICT DO NOTHING on the unique name, then read: safe when two uploads create it at once.
  await tx.agency.createMany({
    data: [{ name, kind, regionCode: region?.code ?? null, parentId }],
    skipDuplicates: true,
  });
  const agency = await tx.agency.findUniqueOrThrow({ where: { name } });
  // An agency first seen without a resolved region or parent gets them when a later reading knows them.
  const missing = {
    ...(agency.regionCode === null && region ? { regionCode: region.code } : {}),
    ...(agency.parentId === null && parentId !== null ? { parentId } : {}),
  };
  if (Object.keys(missing).length > 0) await tx.agency.update({ where: { id: agency.id }, data: missing });
  if (missing.regionCode && region) {
    // Its earlier years' read-model rows were filed under no region: file them under the new one.
    await tx.reportMetrics.updateMany({
      where: { agencyId: agency.id },
      data: { regionCode: region.code, regionPath: region.path },
    });
  }
  return { id: agency.id };
}

/** A department belongs to the government of its own level: the innermost resolved region. */
function governmentKind(info: AgencyInfo, codes: RegionCodes): AgencyKind {
  if (codes.town) return info.town?.endsWith("街道") ? "街道" : "乡镇";
  if (codes.county) return "区县政府";
  if (codes.city) return "市政府";
  if (codes.province) return "省政府";
  return "其他";
}
