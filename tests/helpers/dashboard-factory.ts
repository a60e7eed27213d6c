// Small factories for the dashboard's query tests: regions, agencies and current reports with their
// read-model row written directly (no reader), so each test states its numbers by hand. Names carry a
// per-call tag, so several worlds can live in one database. The read model's summaries are recomputed from
// those rows the way ingestion does (refreshRegionSummaries), and so are the rows' changes against the year
// before (refreshMetricChanges), so the pages read the same numbers either way.
import { createHash, randomUUID } from "node:crypto";
import { getPool } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/db/sql";
import type { PrismaClient, RegionLevel } from "@/lib/generated/prisma/client";
import { findSummaryKeys, refreshRegionSummaries } from "@/lib/ingest/refresh-region-summaries";
import { refreshMetricChanges } from "@/lib/ingest/refresh-report-metrics";
import type { MetricColumn } from "@/lib/metrics/metric-dictionary";
import type { AgencyKind } from "@/lib/reader/types";

export async function createRegion(
  db: PrismaClient,
  region: { code: string; name: string; level: RegionLevel; parent?: { code: string; path: string } | null },
): Promise<{ code: string; path: string; name: string }> {
  const path = `${region.parent?.path ?? ""}${region.code}/`;
  await db.region.create({
    data: {
      code: region.code,
      name: region.name,
      level: region.level,
      parentCode: region.parent?.code ?? null,
      path,
    },
  });
  return { code: region.code, path, name: region.name };
}

export interface TestAgency {
  id: number;
  name: string;
  kind: AgencyKind;
  region: { code: string; path: string } | null;
}

export async function createAgency(
  db: PrismaClient,
  agency: {
    name: string;
    kind: AgencyKind;
    region: { code: string; path: string } | null;
    parentId?: number;
    aliases?: string[];
  },
): Promise<TestAgency> {
  const created = await db.agency.create({
    data: {
      name: agency.name,
      kind: agency.kind,
      regionCode: agency.region?.code ?? null,
      parentId: agency.parentId ?? null,
      aliases: agency.aliases ? { create: agency.aliases.map((name) => ({ name })) } : undefined,
    },
  });
  return { id: created.id, name: agency.name, kind: agency.kind, region: agency.region };
}

async function createDocument(
  db: PrismaClient,
  agencyId: number | null,
  year: number | null,
  status: "accepted" | "needs_agency" = "accepted",
) {
  const tag = randomUUID();
  return db.document.create({
    data: {
      sha256: createHash("sha256").update(tag).digest("hex"),
      fileName: `${tag}.txt`,
      mediaType: "text/plain",
      size: 1,
      bytes: new Uint8Array([0x31]),
      status,
      readerVersion: 1,
      reading: { ok: status === "accepted" },
      agencyId,
      year,
    },
  });
}

export async function createWaitingDocument(db: PrismaClient) {
  return createDocument(db, null, null, "needs_agency");
}

/**
 * A report version of an agency for a year, current unless told, with its read-model row (current ones
 * only, as ingestion keeps it) holding exactly the metric inputs given — every other column null.
 */
export async function createReport(
  db: PrismaClient,
  options: {
    agency: TestAgency;
    year: number;
    metrics?: Partial<Record<MetricColumn, number | null>>;
    isCurrent?: boolean;
    versionNo?: number;
    status?: "needs_review" | "confirmed";
    template?: "2019" | "2021";
  },
): Promise<{ id: number }> {
  const { agency, year } = options;
  const isCurrent = options.isCurrent ?? true;
  const document = await createDocument(db, agency.id, year);
  const report = await db.report.create({
    data: {
      agencyId: agency.id,
      year,
      versionNo: options.versionNo ?? 1,
      isCurrent,
      template: options.template ?? "2021",
      documentId: document.id,
      readerVersion: 1,
      status: options.status ?? "needs_review",
    },
  });
  if (isCurrent) {
    await db.reportMetrics.create({
      data: {
        reportId: report.id,
        agencyId: agency.id,
        year,
        agencyKind: agency.kind,
        regionCode: agency.region?.code ?? null,
        regionPath: agency.region?.path ?? null,
        template: options.template ?? "2021",
        ...options.metrics,
      },
    });
    await withTransaction(getPool(db), async (client) => {
      await refreshMetricChanges(client, { agencyYears: [{ agencyId: agency.id, year }] });
      await refreshRegionSummaries(
        client,
        await findSummaryKeys(client, { agencyYears: [{ agencyId: agency.id, year }] }),
      );
    });
  }
  return { id: report.id };
}

export async function createFinding(
  db: PrismaClient,
  finding: {
    reportId: number;
    code: string;
    kind?: "inconsistent" | "uncertain";
    status?: "open" | "confirmed" | "dismissed";
    origin?: "reader" | "across_years";
    cellIds?: string[];
  },
) {
  const created = await db.finding.create({
    data: {
      reportId: finding.reportId,
      code: finding.code,
      severity: "warning",
      kind: finding.kind ?? "uncertain",
      origin: finding.origin ?? "reader",
      status: finding.status ?? "open",
      cellIds: finding.cellIds ?? [],
      message: `${finding.code} 测试`,
    },
    include: { report: { select: { agencyId: true, year: true } } },
  });
  // Ingestion writes a report's findings in the transaction that refreshes its summaries: so do we.
  const { agencyId, year } = created.report;
  await withTransaction(getPool(db), async (client) =>
    refreshRegionSummaries(client, await findSummaryKeys(client, { agencyYears: [{ agencyId, year }] })),
  );
  return created;
}
