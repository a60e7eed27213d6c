// Staff correct which agency or year a report version belongs to (the reader named the wrong one): the
// version moves to the other agency × year and becomes its current version (numbered after the versions
// already there); where it came from, the latest remaining version becomes current again. Its cells,
// corrections and findings move with it untouched (they hang on the report version); its document follows.
// Cross-year findings and the read model are refreshed on both sides. The agency is picked from existing
// ones (id) or named (resolved like a printed name; unknown names are taken as given, kind 其他).
//   await refileReport(db, { reportId, agency: { name: "郾城区裴城镇" }, year: 2023, allow });
import { AppError } from "@/lib/api/app-error";
import { getPool, type Db } from "@/lib/db/create-client";
import { runQuery, sql, withTransaction, type SqlClient } from "@/lib/db/sql";
import { lockAgencies } from "@/lib/ingest/accept-readings";
import { refreshAcrossYearFindings } from "@/lib/ingest/refresh-across-year-findings";
import { refreshReportMetrics } from "@/lib/ingest/refresh-report-metrics";
import { sanitizeText } from "@/lib/ingest/sanitize-for-postgres";
import { upsertAgencies } from "@/lib/ingest/upsert-agencies";
import { resolveAgency } from "@/lib/reader/region/resolve-agency";

export interface RefileInput {
  reportId: number;
  agency?: { id: number } | { name: string };
  year?: number;
  /** Throws when the target agency's region is not the caller's to file into (checked before any write). */
  allow?: (target: { regionCode: string | null }) => void;
}

export interface RefileResult {
  from: { agencyId: number; year: number; versionNo: number };
  to: { agencyId: number; agencyName: string; year: number; versionNo: number };
}

export async function refileReport(db: Db, input: RefileInput): Promise<RefileResult> {
  return withTransaction(getPool(db), async (client) => {
    const [report] = await runQuery<{
      agencyId: number;
      year: number;
      versionNo: number;
      documentId: number;
    }>(
      client,
      sql`SELECT "agencyId", "year", "versionNo", "documentId" FROM "Report" WHERE "id" = ${input.reportId}::int`,
    );
    if (!report) throw new AppError("REPORT_NOT_FOUND");
    const target = input.agency
      ? await findOrCreateAgency(client, input.agency)
      : await agencyById(client, report.agencyId);
    const year = input.year ?? report.year;
    if (target.id === report.agencyId && year === report.year)
      throw new AppError("INVALID_INPUT", "机关和年度都没有变化");
    input.allow?.(target);
    await lockAgencies(client, [report.agencyId, target.id]);
    const [next] = await runQuery<{ versionNo: number }>(
      client,
      sql`SELECT coalesce(max("versionNo"), 0)::int + 1 AS "versionNo" FROM "Report"
           WHERE "agencyId" = ${target.id}::int AND "year" = ${year}::int`,
    );
    // Its read-model row is keyed by the report: it goes, and both sides are filled again below.
    await runQuery(client, sql`DELETE FROM "ReportMetrics" WHERE "reportId" = ${input.reportId}::int`);
    await runQuery(
      client,
      sql`UPDATE "Report" SET "isCurrent" = false
           WHERE "agencyId" = ${target.id}::int AND "year" = ${year}::int AND "isCurrent"`,
    );
    await runQuery(
      client,
      sql`UPDATE "Report" SET "agencyId" = ${target.id}::int, "year" = ${year}::int,
                              "versionNo" = ${next!.versionNo}::int, "isCurrent" = true
           WHERE "id" = ${input.reportId}::int`,
    );
    await runQuery(
      client,
      sql`UPDATE "Report" SET "isCurrent" = true
           WHERE "id" = (SELECT "id" FROM "Report" WHERE "agencyId" = ${report.agencyId}::int AND "year" = ${report.year}::int
                          ORDER BY "versionNo" DESC LIMIT 1)
             AND NOT EXISTS (SELECT 1 FROM "Report" WHERE "agencyId" = ${report.agencyId}::int
                              AND "year" = ${report.year}::int AND "isCurrent")`,
    );
    await runQuery(
      client,
      sql`UPDATE "Document" SET "agencyId" = ${target.id}::int, "year" = ${year}::int
           WHERE "id" = ${report.documentId}::int`,
    );
    const sides = [
      { agencyId: report.agencyId, year: report.year },
      { agencyId: target.id, year },
    ];
    await refreshAcrossYearFindings(client, sides);
    await refreshReportMetrics(client, { agencyYears: sides });
    return {
      from: { agencyId: report.agencyId, year: report.year, versionNo: report.versionNo },
      to: { agencyId: target.id, agencyName: target.name, year, versionNo: next!.versionNo },
    };
  });
}

interface TargetAgency {
  id: number;
  name: string;
  regionCode: string | null;
}

async function agencyById(client: SqlClient, id: number): Promise<TargetAgency> {
  const [agency] = await runQuery<TargetAgency>(
    client,
    sql`SELECT "id", "name", "regionCode" FROM "Agency" WHERE "id" = ${id}::int`,
  );
  if (!agency) throw new AppError("AGENCY_NOT_FOUND");
  return agency;
}

async function findOrCreateAgency(
  client: SqlClient,
  agency: { id: number } | { name: string },
): Promise<TargetAgency> {
  if ("id" in agency) return agencyById(client, agency.id);
  const name = sanitizeText(agency.name).trim();
  if (!name) throw new AppError("INVALID_INPUT", "请填写机关名称");
  const resolved = resolveAgency({ asPrinted: name, text: "" });
  const info = resolved.agency.name
    ? { ...resolved.agency, name: resolved.agency.name }
    : { ...resolved.agency, name, as_printed: name, kind: resolved.agency.kind ?? ("其他" as const) };
  const { byName } = await upsertAgencies(client, [{ info, codes: resolved.regionCodes }]);
  return agencyById(client, byName.get(info.name)!.id);
}
