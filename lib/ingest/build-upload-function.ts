// What an upload writes after its new version, as one plpgsql function (one round trip instead of four to
// six): the cross-year findings' changes worked out in Node (refresh-across-year-findings.ts), the read
// model's row and the summary keys, the changes against the year before, and the summaries by difference.
// The statements are the very ones the separate round trips send (refreshReportMetrics, insertFindings):
// this file only decides how they are sent. Named by its body's fingerprint and installed by
// applyMigrations beside the summaries' functions (build-summary-function.ts), whose pattern it follows.
//   SELECT "nb_upload_after_version_…"($1 agency, $2 year, $3 report, $4 demoted, $5 before,
//                                      $6 stale finding ids, $7–$12 the cross-year findings to add)
import { createHash } from "node:crypto";
import { rawSql, sql, type Sql } from "@/lib/db/sql";
import { findingsInsert } from "@/lib/ingest/refresh-across-year-findings";
import { summaryKeysQuery } from "@/lib/ingest/refresh-region-summaries";
import { buildMetricsRefreshSql } from "@/lib/metrics/build-metrics-sql";
import { SUMMARY_DELTA_FUNCTION_NAME, SUMMARY_FUNCTION_NAME } from "@/lib/metrics/build-summary-function";
import { buildMetricChangesRefreshSql } from "@/lib/metrics/metric-changes";

// Stand-ins for the function's scalar parameters while the statements are built: a statement's one-element
// array of a stand-in becomes ARRAY[$n] of the parameter.
const AGENCY = -1_000_001;
const YEAR = -1_000_002;
const STAND_INS = new Map<number, string>([
  [AGENCY, "$1"],
  [YEAR, "$2"],
]);

/** `query`'s text with its placeholders replaced by the function's parameters they stand for. */
function toFunctionText(query: Sql): string {
  return query.text.replace(/\$(\d+)\b/g, (placeholder, digits: string) => {
    const value: unknown = query.values[Number(digits) - 1];
    if (Array.isArray(value) && value.length === 1 && STAND_INS.has(value[0] as number))
      return `ARRAY[${STAND_INS.get(value[0] as number)}]`;
    if (typeof value === "number" && STAND_INS.has(value)) return STAND_INS.get(value)!;
    throw new Error(`upload function: no parameter for ${placeholder}`);
  });
}

const PAIRS = [{ agencyId: AGENCY, year: YEAR }];

// The read model's row of the new version (created in this transaction: no corrections), and the summary
// keys as they stood before it (the upsert's CTE does not show its own writes to the keys' query).
const READ_MODEL_AND_KEYS = toFunctionText(
  sql`WITH refresh_0 AS (${buildMetricsRefreshSql(
    sql`(r."agencyId", r."year") IN (SELECT * FROM unnest(${[AGENCY]}::int[], ${[YEAR]}::int[]))`,
    { newReports: true },
  )}),
  keys AS (${summaryKeysQuery({ agencyYears: PAIRS })})
SELECT array_agg("year"), array_agg("path"), array_agg("depth") INTO key_years, key_paths, key_depths FROM keys`,
);

const METRIC_CHANGES = toFunctionText(buildMetricChangesRefreshSql({ agencyYears: PAIRS }));

// The source's parameters are the function's own ($7–$12, raw text); the one value, the origin, is a constant.
const ACROSS_YEAR_FINDINGS = (() => {
  const insert = findingsInsert(
    rawSql(`unnest($7::int[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
          WITH ORDINALITY AS v("reportId", "code", "severity", "kind", "cellIds", "message", "n")`),
    rawSql(`v."reportId"`),
    "across_years",
  );
  if (insert.values.length !== 1 || !insert.text.includes(`$1::"FindingOrigin"`))
    throw new Error("upload function: the findings' INSERT changed shape");
  return insert.text.replace(`$1::"FindingOrigin"`, `'across_years'::"FindingOrigin"`);
})();

// As refreshRegionSummaries: the difference for a handful of keys, the recompute (the same statements) for more.
const FEW_KEYS = 64;

const BODY = `DECLARE
  key_years integer[];
  key_paths text[];
  key_depths integer[];
  provinces text[];
BEGIN
  IF cardinality($6) > 0 THEN
    DELETE FROM "Finding" WHERE "id" = ANY($6);
  END IF;
  IF cardinality($7) > 0 THEN
    ${ACROSS_YEAR_FINDINGS};
  END IF;
  ${READ_MODEL_AND_KEYS};
  ${METRIC_CHANGES};
  IF key_years IS NULL THEN
    RETURN;
  END IF;
  provinces := ARRAY(SELECT DISTINCT y || ':' || split_part(p, '/', 1)
                       FROM unnest(key_years, key_paths) AS k(y, p));
  IF cardinality(key_years) <= ${FEW_KEYS} THEN
    PERFORM "${SUMMARY_DELTA_FUNCTION_NAME}"(key_years, key_paths, key_depths, provinces,
                                               ARRAY[$1], ARRAY[$2], ARRAY[$3], ARRAY[$4], $5);
  ELSE
    PERFORM "${SUMMARY_FUNCTION_NAME}"(key_years, key_paths, key_depths, provinces);
  END IF;
END`;

const NAME = `nb_upload_after_version_${createHash("sha256").update(BODY).digest("hex").slice(0, 16)}`;
const TYPES =
  "integer, integer, integer, integer, jsonb, integer[], integer[], text[], text[], text[], text[], text[]";

export const UPLOAD_FUNCTION_NAME = NAME;
/** `SELECT to_regprocedure(…)` argument: the function's signature, for checking it is installed. */
export const UPLOAD_FUNCTION_SIGNATURE = `"${NAME}"(${TYPES})`;

/** The function with its CREATE OR REPLACE (run by applyMigrations under its lock; idempotent). */
export function buildUploadFunction(): { signature: string; sql: string } {
  return {
    signature: UPLOAD_FUNCTION_SIGNATURE,
    sql: `CREATE OR REPLACE FUNCTION ${UPLOAD_FUNCTION_SIGNATURE} RETURNS void LANGUAGE plpgsql VOLATILE
SET plan_cache_mode = force_generic_plan AS $nb_body$
${BODY}
$nb_body$`,
  };
}
