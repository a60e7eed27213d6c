// The reports loaded into the dashboard (home page): one row per agency × year, its current version.
//   import { db } from "@/lib/db";  const rows = await listReports(db);
// Queries take the client as their first argument so integration tests can pass a database of their own.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import type { AgencyKind, TemplateVersion } from "@/lib/reader/types";

export interface RegionNames {
  province: string | null;
  city: string | null;
  county: string | null;
  town: string | null;
}

export interface ReportListRow {
  reportId: number;
  agencyId: number;
  /** Full official name, e.g. 曲靖市沾益区发展和改革局. */
  agencyName: string;
  /** The name as printed in this version's document, e.g. 沾益区发改局 (null when the reader found none). */
  asPrinted: string | null;
  kind: AgencyKind;
  region: RegionNames;
  /** "53/5303/530303/" — the prefix filters of other views take this form. */
  regionPath: string | null;
  year: number;
  template: TemplateVersion;
  status: "needs_review" | "confirmed";
  versionNo: number;
  /** Open findings (inconsistencies and reading uncertainties) of this version. */
  findingCount: number;
  fileName: string;
  /** ISO 8601. */
  uploadedAt: string;
}

export interface ListReportsOptions {
  year?: number;
  limit?: number;
}

const DEFAULT_LIMIT = 1_000;

interface RawRow extends Omit<ReportListRow, "region" | "uploadedAt"> {
  regions: Partial<Record<keyof RegionNames, string>> | null;
  uploadedAt: Date;
}

/** Newest year first; within a year by region (province → town), then agency name. */
export async function listReports(
  db: PrismaClient,
  options: ListReportsOptions = {},
): Promise<ReportListRow[]> {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const year = options.year ?? null;
  // The page is cut from the read model (one current report per row) in the order of its index on
  // (year DESC, regionPath): only the rows shown are joined to their documents and regions.
  const rows = await db.$queryRaw<RawRow[]>`
    WITH page AS (
      SELECT m."reportId", m."year", m."regionPath", a."name"
        FROM "ReportMetrics" m JOIN "Agency" a ON a."id" = m."agencyId"
       WHERE ${year}::int IS NULL OR m."year" = ${year}::int
       ORDER BY m."year" DESC, m."regionPath" NULLS LAST, a."name"
       LIMIT ${limit}
    )
    SELECT r."id" AS "reportId", a."id" AS "agencyId", a."name" AS "agencyName", a."kind" AS "kind",
           d."agencyAsPrinted" AS "asPrinted",
           reg."path" AS "regionPath", r."year" AS "year", r."template" AS "template",
           r."status"::text AS "status", r."versionNo" AS "versionNo",
           d."fileName" AS "fileName", d."uploadedAt" AS "uploadedAt",
           (SELECT jsonb_object_agg(x."level", x."name") FROM "Region" x
             WHERE x."code" = ANY (string_to_array(rtrim(reg."path", '/'), '/'))) AS "regions",
           (SELECT count(*)::int FROM "Finding" f WHERE f."reportId" = r."id" AND f."status" = 'open') AS "findingCount"
      FROM page
      JOIN "Report" r ON r."id" = page."reportId"
      JOIN "Agency" a ON a."id" = r."agencyId"
      JOIN "Document" d ON d."id" = r."documentId"
      LEFT JOIN "Region" reg ON reg."code" = a."regionCode"
     ORDER BY page."year" DESC, page."regionPath" NULLS LAST, page."name"`;
  return rows.map(({ regions, uploadedAt, ...row }) => ({
    ...row,
    region: {
      province: regions?.province ?? null,
      city: regions?.city ?? null,
      county: regions?.county ?? null,
      town: regions?.town ?? null,
    },
    uploadedAt: uploadedAt.toISOString(),
  }));
}
