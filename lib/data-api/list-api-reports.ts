// GET /api/reports: current reports matching the dashboard's filters, by id, each with its agency, its cells
// as they stand (corrections applied; all of them, or those named by `cells`) and its findings.
// Three queries per page — reports, their cells, their findings — never one per report.
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { selectionWhere, type ReportSelection } from "@/lib/export/build-export-sql";
import type { CellSpec } from "@/lib/reader/template/cell-catalogue";
import { decodeIdCursor, toPage, type ApiPage } from "./api-list-query";

export interface ApiCell {
  /** null = not printed. */
  value: number | null;
  /** Blank in the report but forced by its own sums. */
  inferred: boolean;
  /** A staff correction replaced the value read. */
  corrected: boolean;
}

export interface ApiFinding {
  id: number;
  code: string;
  kind: string;
  severity: string;
  status: string;
  origin: string;
  cellIds: string[];
  message: string;
}

export interface ApiReport {
  id: number;
  agency: { id: number; name: string; kind: string; regionCode: string | null };
  year: number;
  template: string;
  versionNo: number;
  status: string;
  cells: Record<string, ApiCell>;
  findings: ApiFinding[];
}

export async function listApiReports(options: {
  db: PrismaClient;
  selection: ReportSelection;
  cells: readonly CellSpec[];
  cursor: string | undefined;
  limit: number;
}): Promise<ApiPage<ApiReport>> {
  const { db, selection, limit } = options;
  const after = decodeIdCursor(options.cursor);
  const heads = await db.$queryRaw<
    Array<
      { id: number; agencyId: number; name: string; kind: string; regionCode: string | null } & ApiReportHead
    >
  >`
    SELECT r."id", r."year", r."template", r."versionNo", r."status"::text AS "status",
           a."id" AS "agencyId", a."name", a."kind", a."regionCode"
      FROM "ReportMetrics" m
      JOIN "Agency" a ON a."id" = m."agencyId"
      JOIN "Report" r ON r."id" = m."reportId"
     WHERE ${selectionWhere(selection)} AND m."reportId" > ${after}::int
     ORDER BY m."reportId" LIMIT ${limit + 1}::int`;
  const page = toPage(heads, limit, (row) => row.id);
  const ids = page.items.map((row) => row.id);
  if (ids.length === 0) return { items: [], nextCursor: null };
  const cellIds = options.cells.map((cell) => cell.id);
  const [cells, findings] = await Promise.all([
    db.$queryRaw<Array<{ reportId: number; cellId: string } & ApiCell>>`
      SELECT v."reportId", d."cellId", v."value"::float8 AS "value", v."inferred", v."corrected"
        FROM "CellValue" v JOIN "CellDefinition" d ON d."cellNo" = v."cellNo"
       WHERE v."reportId" = ANY(${ids}::int[]) AND d."cellId" = ANY(${cellIds}::text[])
       ORDER BY v."reportId", v."cellNo"`,
    db.$queryRaw<Array<{ reportId: number } & ApiFinding>>`
      SELECT f."reportId", f."id", f."code", f."kind"::text AS "kind", f."severity"::text AS "severity",
             f."status"::text AS "status", f."origin"::text AS "origin", f."cellIds", f."message"
        FROM "Finding" f WHERE f."reportId" = ANY(${ids}::int[]) ORDER BY f."reportId", f."id"`,
  ]);
  const cellsByReport = new Map<number, Record<string, ApiCell>>();
  for (const { reportId, cellId, ...cell } of cells) {
    const map = cellsByReport.get(reportId) ?? {};
    map[cellId] = cell;
    cellsByReport.set(reportId, map);
  }
  const findingsByReport = new Map<number, ApiFinding[]>();
  for (const { reportId, ...finding } of findings) {
    const list = findingsByReport.get(reportId) ?? [];
    list.push(finding);
    findingsByReport.set(reportId, list);
  }
  return {
    nextCursor: page.nextCursor,
    items: page.items.map((row) => ({
      id: row.id,
      agency: { id: row.agencyId, name: row.name, kind: row.kind, regionCode: row.regionCode },
      year: row.year,
      template: row.template,
      versionNo: row.versionNo,
      status: row.status,
      cells: cellsByReport.get(row.id) ?? {},
      findings: findingsByReport.get(row.id) ?? [],
    })),
  };
}

interface ApiReportHead {
  year: number;
  template: string;
  versionNo: number;
  status: string;
}
