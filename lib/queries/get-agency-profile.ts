// The agency page's header and history: who the agency is (kind, region chain, the government it belongs
// to, the names it was printed under), its metric inputs per year, its findings, and every version with
// its source document. Five queries at once; nothing per row.
//   const profile = await getAgencyProfile({ db, agencyId: 4 });   // null: no such agency
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { readMetricTotals, type MetricTotals } from "@/lib/queries/metric-sql";
import { METRIC_COLUMNS } from "@/lib/queries/metric-sql";
import { Prisma } from "@/lib/generated/prisma/client";

export interface AgencyYear {
  year: number;
  reportId: number;
  template: "2019" | "2021";
  totals: MetricTotals;
}

export interface AgencyFinding {
  id: number;
  year: number;
  reportId: number;
  code: string;
  kind: "inconsistent" | "uncertain";
  severity: "error" | "warning" | "info";
  origin: "reader" | "across_years";
  status: "open" | "confirmed" | "dismissed";
  message: string;
  cellIds: string[];
}

export interface AgencyVersion {
  reportId: number;
  year: number;
  versionNo: number;
  isCurrent: boolean;
  status: "needs_review" | "confirmed";
  template: string;
  documentId: number;
  fileName: string;
  /** ISO 8601. */
  uploadedAt: string;
  asPrinted: string | null;
}

export interface AgencyProfile {
  id: number;
  name: string;
  kind: string;
  regionCode: string | null;
  /** Province → … → the agency's own region, each with its code (links to 地区). */
  regionChain: { code: string; name: string }[];
  parent: { id: number; name: string } | null;
  /** Departments and other agencies that belong to this one. */
  children: { id: number; name: string; kind: string }[];
  /** Every name it was printed under (aliases and names on its documents), without its own name. */
  printedNames: string[];
  years: AgencyYear[];
  findings: AgencyFinding[];
  versions: AgencyVersion[];
}

export async function getAgencyProfile(options: {
  db: PrismaClient;
  agencyId: number;
}): Promise<AgencyProfile | null> {
  const { db, agencyId } = options;
  const [agencies, years, findings, versions, children] = await Promise.all([
    db.$queryRaw<
      {
        id: number;
        name: string;
        kind: string;
        regionCode: string | null;
        parentId: number | null;
        parentName: string | null;
        chain: { code: string; name: string }[] | null;
        aliases: string[] | null;
      }[]
    >`
      SELECT a."id", a."name", a."kind", a."regionCode", a."parentId", parent."name" AS "parentName",
             (SELECT jsonb_agg(jsonb_build_object('code', x."code", 'name', x."name") ORDER BY length(x."path"))
                FROM "Region" x WHERE x."code" = ANY (string_to_array(rtrim(reg."path", '/'), '/'))) AS "chain",
             (SELECT array_agg(al."name" ORDER BY al."name") FROM "AgencyAlias" al WHERE al."agencyId" = a."id") AS "aliases"
        FROM "Agency" a
        LEFT JOIN "Agency" parent ON parent."id" = a."parentId"
        LEFT JOIN "Region" reg ON reg."code" = a."regionCode"
       WHERE a."id" = ${agencyId}::int`,
    db.$queryRaw<Record<string, unknown>[]>`
      SELECT m."year", m."reportId", m."template",
             ${Prisma.join(
               METRIC_COLUMNS.map((column) => Prisma.raw(`m."${column}"`)),
               ", ",
             )}
        FROM "ReportMetrics" m WHERE m."agencyId" = ${agencyId}::int ORDER BY m."year"`,
    db.$queryRaw<AgencyFinding[]>`
      SELECT f."id", r."year", r."id" AS "reportId", f."code", f."kind"::text AS "kind",
             f."severity"::text AS "severity", f."origin"::text AS "origin", f."status"::text AS "status",
             f."message", f."cellIds"
        FROM "Report" r JOIN "Finding" f ON f."reportId" = r."id"
       WHERE r."agencyId" = ${agencyId}::int AND r."isCurrent"
       ORDER BY r."year" DESC, (f."status" = 'open') DESC, f."kind", f."code", f."id"`,
    db.$queryRaw<(Omit<AgencyVersion, "uploadedAt"> & { uploadedAt: Date })[]>`
      SELECT r."id" AS "reportId", r."year", r."versionNo", r."isCurrent", r."status"::text AS "status",
             r."template", d."id" AS "documentId", d."fileName", d."uploadedAt",
             d."agencyAsPrinted" AS "asPrinted"
        FROM "Report" r JOIN "Document" d ON d."id" = r."documentId"
       WHERE r."agencyId" = ${agencyId}::int
       ORDER BY r."year" DESC, r."versionNo" DESC`,
    db.$queryRaw<{ id: number; name: string; kind: string }[]>`
      SELECT c."id", c."name", c."kind" FROM "Agency" c WHERE c."parentId" = ${agencyId}::int ORDER BY c."name"`,
  ]);
  const agency = agencies[0];
  if (!agency) return null;
  const printed = new Set([...(agency.aliases ?? []), ...versions.map((v) => v.asPrinted ?? "")]);
  printed.delete("");
  printed.delete(agency.name);
  return {
    id: agency.id,
    name: agency.name,
    kind: agency.kind,
    regionCode: agency.regionCode,
    regionChain: agency.chain ?? [],
    parent: agency.parentId !== null ? { id: agency.parentId, name: agency.parentName ?? "" } : null,
    children,
    printedNames: [...printed].sort(),
    years: years.map((row) => ({
      year: Number(row.year),
      reportId: Number(row.reportId),
      template: row.template as AgencyYear["template"],
      totals: readMetricTotals(row),
    })),
    findings,
    versions: versions.map((version) => ({ ...version, uploadedAt: version.uploadedAt.toISOString() })),
  };
}
