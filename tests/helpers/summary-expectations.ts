// The summaries as plain SQL over the read model, the cells and the gazetteer, written without the
// summaries' code (lib/metrics/build-summary-sql.ts): what every summary row must equal after any change.
// Shared by the tests that change the summaries in different ways (region-summaries, roll-up-difference).

// Plain SQL: every region of depth 1–3 of the gazetteer with the reports under its path, and '' with the
// reports without a region; a rate's parts summed where both are known; matched = filed the year before.
export const EXPECTED_SUMS = `
  WITH places AS (
    SELECT r."path", m."reportId" FROM "Region" r
      JOIN "ReportMetrics" m ON m."regionPath" LIKE r."path" || '%'
     WHERE r."level" IN ('province', 'city', 'county')
    UNION ALL
    SELECT '', m."reportId" FROM "ReportMetrics" m WHERE m."regionPath" IS NULL
  )
  SELECT m."year", x."path" AS "regionPath", m."agencyKind", count(*)::int AS "reports",
         count(p."reportId")::int AS "matchedAgencies",
         (count(*) FILTER (WHERE m."year" = (SELECT min(e."year") FROM "ReportMetrics" e WHERE e."agencyId" = m."agencyId")))::int AS "firstReports",
         coalesce(sum((SELECT count(*) FROM "Finding" f WHERE f."reportId" = m."reportId" AND f."status" = 'open')), 0)::int AS "openFindings",
         (count(*) FILTER (WHERE rep."status" = 'needs_review'))::int AS "toReview",
         (count(*) FILTER (WHERE m."agencyId" NOT IN (SELECT n."agencyId" FROM "ReportMetrics" n WHERE n."year" = m."year" + 1)))::int AS "lapsedNext",
         sum(m."applicationsNew")::float8 AS "applicationsNew",
         (sum(m."disclosureRateNum") FILTER (WHERE m."disclosureRateNum" IS NOT NULL AND m."disclosureRateDen" IS NOT NULL))::float8 AS "disclosureRateNum",
         (sum(m."disclosureRateDen") FILTER (WHERE m."disclosureRateNum" IS NOT NULL AND m."disclosureRateDen" IS NOT NULL))::float8 AS "disclosureRateDen",
         (sum(m."penalties") FILTER (WHERE p."reportId" IS NOT NULL))::float8 AS "matched_penalties",
         sum(p."penalties")::float8 AS "prev_penalties"
    FROM places x
    JOIN "ReportMetrics" m ON m."reportId" = x."reportId"
    JOIN "Report" rep ON rep."id" = m."reportId"
    LEFT JOIN "ReportMetrics" p ON p."agencyId" = m."agencyId" AND p."year" = m."year" - 1
   GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;

// Open findings by region of depth 0–3, agency kind, code, kind and origin, and the reports that have them.
export const EXPECTED_FINDINGS = `
  WITH places AS (
    SELECT r."path", m."reportId" FROM "Region" r
      JOIN "ReportMetrics" m ON m."regionPath" LIKE r."path" || '%'
     WHERE r."level" IN ('province', 'city', 'county')
    UNION ALL
    SELECT '', m."reportId" FROM "ReportMetrics" m WHERE m."regionPath" IS NULL
  )
  SELECT m."year", x."path" AS "regionPath", m."agencyKind", f."code", f."kind"::text AS "kind",
         f."origin"::text AS "origin", count(*)::int AS "findings", count(DISTINCT f."reportId")::int AS "reports"
    FROM places x
    JOIN "ReportMetrics" m ON m."reportId" = x."reportId"
    JOIN "Finding" f ON f."reportId" = m."reportId"
   WHERE f."status" = 'open'
   GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6`;

export const ACTUAL_FINDINGS = `
  SELECT "year", "regionPath", "agencyKind", "code", "kind", "origin", "findings", "reports"
    FROM "RegionYearFindings" ORDER BY 1, 2, 3, 4, 5, 6`;

export const ACTUAL_SUMS = `
  SELECT "year", "regionPath", "agencyKind", "reports", "matchedAgencies", "firstReports", "openFindings",
         "toReview", "lapsedNext", "applicationsNew",
         "disclosureRateNum", "disclosureRateDen", "matched_penalties", "prev_penalties"
    FROM "RegionYearMetrics" ORDER BY 1, 2, 3`;

export const EXPECTED_COVERAGE = `
  SELECT m."year", r."path" AS "regionPath",
         count(DISTINCT m."regionCode") FILTER (WHERE (m."agencyKind" || ':' || own."level")
           IN ('省政府:province', '市政府:city', '区县政府:county', '乡镇:town', '街道:town'))::int AS "covered",
         count(DISTINCT m."regionCode") FILTER (WHERE own."level" = 'town')::int AS "townsFiled"
    FROM "Region" r
    JOIN "ReportMetrics" m ON m."regionPath" LIKE r."path" || '%'
    JOIN "Region" own ON own."code" = m."regionCode"
   WHERE r."level" IN ('province', 'city', 'county')
   GROUP BY 1, 2
  HAVING count(*) FILTER (WHERE (m."agencyKind" || ':' || own."level")
           IN ('省政府:province', '市政府:city', '区县政府:county', '乡镇:town', '街道:town') OR own."level" = 'town') > 0
   ORDER BY 1, 2`;

// Each 区县政府/市政府 with a region, each year it has a current report and each cell of tables 三/四: the
// sum over its children's current reports — departments by parentId, and the governments of the regions
// one level down (a county's towns and streets, a city's counties) — of the cell as it stands (the latest
// correction, else the read value).
export const EXPECTED_ROLL_UP = `
  WITH gov AS (
    SELECT g."id", g."kind", g."regionCode", r."path" FROM "Agency" g JOIN "Region" r ON r."code" = g."regionCode"
     WHERE g."kind" IN ('区县政府', '市政府')
  ),
  child AS (
    SELECT DISTINCT g."id" AS "gov", c."id" AS "agency" FROM gov g
      JOIN "Agency" c ON c."parentId" = g."id"
        OR (c."regionCode" IN (SELECT cr."code" FROM "Region" cr WHERE cr."parentCode" = g."regionCode")
            AND ((g."kind" = '区县政府' AND c."kind" IN ('乡镇', '街道')) OR (g."kind" = '市政府' AND c."kind" = '区县政府')))
  ),
  val AS (
    SELECT c."reportId", c."cellNo",
           coalesce((SELECT k."newValue" FROM "CellCorrection" k WHERE k."reportId" = c."reportId"
                       AND k."cellNo" = c."cellNo" ORDER BY k."id" DESC LIMIT 1), c."value") AS "value",
           EXISTS (SELECT 1 FROM "CellCorrection" k WHERE k."reportId" = c."reportId" AND k."cellNo" = c."cellNo") AS "corrected"
      FROM "ReportCell" c
  )
  SELECT ch."gov" AS "governmentId", p."year", v."cellNo"::int AS "cellNo", g."path" AS "regionPath",
         sum(v."value")::text AS "sum", count(*)::int AS "children"
    FROM child ch JOIN gov g ON g."id" = ch."gov"
    JOIN "Report" p ON p."agencyId" = ch."agency" AND p."isCurrent"
    JOIN val v ON v."reportId" = p."id"
    JOIN "CellDefinition" d ON d."cellNo" = v."cellNo"
   WHERE d."tableNo" IN (3, 4) AND v."value" IS NOT NULL
     AND p."year" IN (SELECT o."year" FROM "Report" o WHERE o."agencyId" = g."id" AND o."isCurrent")
   GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3`;

export const ACTUAL_ROLL_UP = `
  SELECT "governmentId", "year", "cellNo"::int AS "cellNo", "regionPath", "sum"::text AS "sum", "children"
    FROM "RollUpCellSums" ORDER BY 1, 2, 3`;
