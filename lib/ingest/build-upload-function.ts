// What an upload writes after its new version, as one plpgsql function (one round trip instead of four to
// six): the cross-year findings' changes worked out in Node (refresh-across-year-findings.ts), the read
// model's row and the summary keys, the changes against the year before, and the summaries by difference.
// The statements are the very ones the separate round trips send (refreshReportMetrics, insertFindings):
// this file only decides how they are sent. Named by its body's fingerprint and installed by
// applyMigrations beside the summaries' functions (build-summary-function.ts), whose pattern it follows.
//   SELECT "nb_upload_after_version_…"($1 agency, $2 year, $3 report, $4 demoted,
//                                      $5 stale finding ids, $6–$11 the cross-year findings to add,
//                                      $12–$18 the upload's audit entry (insertAuditSql's values; all NULL:
//                                      none), $19 the document)
// and returns, with an audit entry, what the route answers about the file (selectUploadDetails' row) — the
// entry and that row used to be a round trip of their own after this one.
// The agency's summary contributions before the change ("before", build-summary-delta-sql.ts) are read here,
// first, before anything the function writes moves them: the statement that stored the new version did not
// move them either (it adds the new version's rows, which no read-model row names yet). They used to be
// read by that statement and sent out to Node and back as JSON text (a few kilobytes each way, parsed
// three times).
import { createHash } from "node:crypto";
import { insertAuditSql } from "@/lib/auth/audit";
import { rawSql, sql, type Sql } from "@/lib/db/sql";
import { findingsInsert } from "@/lib/ingest/refresh-across-year-findings";
import { summaryKeysQuery } from "@/lib/ingest/refresh-region-summaries";
import { selectUploadDetails } from "@/lib/ingest/upload-result";
import { buildMetricsRefreshSql } from "@/lib/metrics/build-metrics-sql";
import {
  SUMMARY_CONTRIBUTIONS_FUNCTION_NAME,
  SUMMARY_DELTA_FUNCTION_NAME,
  SUMMARY_FUNCTION_NAME,
} from "@/lib/metrics/build-summary-function";
import { buildMetricChangesRefreshSql } from "@/lib/metrics/metric-changes";
import { DOCUMENT_ARRAY_TYPES, documentsSourceSql, insertDocumentsSql } from "@/lib/ingest/store-documents";
import {
  findAgenciesSql,
  insertAliasesSql,
  insertParentsSql,
  upsertAgencyRowsSql,
} from "@/lib/ingest/upsert-agencies";

// Stand-ins for the functions' parameters while the statements are built: a value that is a stand-in
// becomes its parameter, a one-element array of a stand-in ARRAY[parameter].
const AGENCY = -1_000_001;
const YEAR = -1_000_002;
const REPORT = -1_000_003;
const DOCUMENT = -1_000_019;
const AFTER_VERSION_PARAMETERS = new Map<unknown, string>([
  [AGENCY, "$1"],
  [YEAR, "$2"],
  [REPORT, "$3"],
  [DOCUMENT, "$19"],
]);

/** The number of values insertAuditSql sends; the function takes them as $12 onwards, as text. */
export const AUDIT_VALUES = 7;

/** `query`'s text with its placeholders replaced by the function's parameters they stand for. */
function toFunctionText(
  query: Sql,
  parameters: ReadonlyMap<unknown, string> = AFTER_VERSION_PARAMETERS,
): string {
  return query.text.replace(/\$(\d+)\b/g, (placeholder, digits: string) => {
    const value: unknown = query.values[Number(digits) - 1];
    if (parameters.has(value)) return parameters.get(value)!;
    if (Array.isArray(value) && value.length === 1 && parameters.has(value[0]))
      return `ARRAY[${parameters.get(value[0])}]`;
    throw new Error(`upload function: no parameter for ${placeholder}`);
  });
}

function buildAfterVersion(): UploadFunction {
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

  // The source's parameters are the function's own ($6–$11, raw text); the one value, the origin, is a constant.
  const ACROSS_YEAR_FINDINGS = (() => {
    const insert = findingsInsert(
      rawSql(`unnest($6::int[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
          WITH ORDINALITY AS v("reportId", "code", "severity", "kind", "cellIds", "message", "n")`),
      rawSql(`v."reportId"`),
      "across_years",
    );
    if (insert.values.length !== 1 || !insert.text.includes(`$1::"FindingOrigin"`))
      throw new Error("upload function: the findings' INSERT changed shape");
    return insert.text.replace(`$1::"FindingOrigin"`, `'across_years'::"FindingOrigin"`);
  })();

  // The upload's audit entry (insertAuditSql's statement, its values the function's $12–$18) and the
  // route's answer about the file, read after everything above.
  const AUDIT_AND_DETAIL = (() => {
    const insert = insertAuditSql({ actor: null, action: "upload" });
    if (insert.values.length !== AUDIT_VALUES)
      throw new Error("upload function: the audit entry's INSERT changed shape");
    const entry = insert.text.replace(/\$(\d+)\b/g, (_, digits: string) => `$${Number(digits) + 11}`);
    const detail = toFunctionText(selectUploadDetails([{ documentId: DOCUMENT, reportId: REPORT }]));
    return `WITH "entry" AS (${entry})
    SELECT to_json(d) INTO detail FROM (${detail}) d`;
  })();

  const BODY = `DECLARE
  key_years integer[];
  key_paths text[];
  key_depths integer[];
  provinces text[];
  before jsonb;
  detail json;
BEGIN
  before := "${SUMMARY_CONTRIBUTIONS_FUNCTION_NAME}"($1, $2)::jsonb;
  IF cardinality($5) > 0 THEN
    DELETE FROM "Finding" WHERE "id" = ANY($5);
  END IF;
  IF cardinality($6) > 0 THEN
    ${ACROSS_YEAR_FINDINGS};
  END IF;
  ${READ_MODEL_AND_KEYS};
  ${METRIC_CHANGES};
  IF key_years IS NOT NULL THEN
    provinces := ARRAY(SELECT DISTINCT y || ':' || split_part(p, '/', 1)
                         FROM unnest(key_years, key_paths) AS k(y, p));
    IF cardinality(key_years) <= ${FEW_KEYS} THEN
      PERFORM "${SUMMARY_DELTA_FUNCTION_NAME}"(key_years, key_paths, key_depths, provinces,
                                                 ARRAY[$1], ARRAY[$2], ARRAY[$3], ARRAY[$4], before);
    ELSE
      PERFORM "${SUMMARY_FUNCTION_NAME}"(key_years, key_paths, key_depths, provinces);
    END IF;
  END IF;
  IF $15 IS NOT NULL THEN
    ${AUDIT_AND_DETAIL};
  END IF;
  RETURN detail;
END`;

  return named(
    "nb_upload_after_version_",
    [
      "integer, integer, integer, integer, integer[], integer[], text[], text[], text[], text[], text[]",
      ...Array.from({ length: AUDIT_VALUES }, () => "text"),
      "integer",
    ].join(", "),
    "json",
    BODY,
  );
}

// The upload's first writes, as one more function (one round trip instead of four): its regions, agency,
// parent government and alias (upsertAgencies' statements, the same rows), then its Document row — with
// the agency's lock when it becomes a report (store-documents.ts). Takes what planAgencies and
// documentColumns give, one agency and one document:
//   $1–$3 the region chain (codes, names, levels), $4–$6 the parent government to create (or none),
//   $7–$10 the agency (none: a document without one), $11–$12 its alias (or none), $13–$29 the document's
//   columns (its agency id, $22, is the one found here when it has an agency), $30 whether to take the
//   agency's lock
// and returns {"agencies": […], "regionFilled": […], "updated": […], "documents": [{"id", "sha256"}]} (no
// document: already stored).
function buildDocument(): UploadFunction {
  const P = Array.from({ length: 31 }, (_, n) => ({ parameter: `$${n}` }));
  // The document's agency id ($22) is the one found here, when it has an agency.
  const DOCUMENT_PARAMETERS = new Map<unknown, string>(
    P.slice(1).map((p, index) => [p, index + 1 === 22 ? "agency_ids" : p.parameter]),
  );
  const inFunction = (query: Sql) => toFunctionText(query, DOCUMENT_PARAMETERS);

  const PARENTS = inFunction(insertParentsSql({ names: P[4], kinds: P[5], regionCodes: P[6] }));
  const UPSERT = inFunction(
    upsertAgencyRowsSql({ names: P[7], kinds: P[8], regionCodes: P[9], parents: P[10] }, "index"),
  );
  const ALIASES = inFunction(insertAliasesSql({ aliasAgencies: P[11], aliases: P[12] }, "index"));
  const FIND = inFunction(findAgenciesSql({ names: P[7] }));
  const SOURCE = documentsSourceSql(P.slice(13, 30));
  const INSERT_LOCKED = inFunction(insertDocumentsSql(SOURCE, true));
  const INSERT_UNLOCKED = inFunction(insertDocumentsSql(SOURCE, false));

  // The regions: ensureRegions' one query when all are known (nearly always); otherwise each missing one
  // created under the chain's previous level, its path extending that level's stored path.
  const DOCUMENT_BODY = `DECLARE
  i integer;
  region_path text;
  parent_code text;
  parent_path text := '';
  found_agencies json;
  filled_ids integer[];
  updated_ids integer[];
  written_documents json;
  agency_id integer;
  agency_ids integer[] := $22;
BEGIN
  IF cardinality($7) > 0 THEN
    IF cardinality($1) > 0 AND (SELECT count(*) FROM "Region" WHERE "code" = ANY($1)) < cardinality($1) THEN
      FOR i IN 1 .. cardinality($1) LOOP
        SELECT "path" INTO region_path FROM "Region" WHERE "code" = $1[i];
        IF region_path IS NULL THEN
          region_path := parent_path || $1[i] || '/';
          INSERT INTO "Region" ("code", "name", "level", "parentCode", "path")
          VALUES ($1[i], $2[i], $3[i]::"RegionLevel", parent_code, region_path)
          ON CONFLICT DO NOTHING;
        END IF;
        parent_code := $1[i];
        parent_path := region_path;
      END LOOP;
    END IF;
    IF cardinality($4) > 0 THEN
      ${PARENTS};
    END IF;
    WITH upserted AS (${UPSERT})
    SELECT array_agg("id") FILTER (WHERE "regionFilled"), array_agg("id") FILTER (WHERE "updated")
      INTO filled_ids, updated_ids FROM upserted;
    IF cardinality($11) > 0 THEN
      ${ALIASES};
    END IF;
    SELECT json_agg(json_build_object('id', f."id", 'name', f."name", 'kind', f."kind",
                                      'regionCode', f."regionCode", 'regionPath', f."regionPath")), min(f."id")
      INTO found_agencies, agency_id FROM (${FIND}) f;
    agency_ids := ARRAY[agency_id];
  END IF;
  IF $30 THEN
    WITH written AS (${INSERT_LOCKED})
    SELECT json_agg(json_build_object('id', "id", 'sha256', "sha256")) INTO written_documents FROM written;
  ELSE
    WITH written AS (${INSERT_UNLOCKED})
    SELECT json_agg(json_build_object('id', "id", 'sha256', "sha256")) INTO written_documents FROM written;
  END IF;
  RETURN json_build_object('agencies', coalesce(found_agencies, '[]'), 'regionFilled', coalesce(filled_ids, '{}'),
                           'updated', coalesce(updated_ids, '{}'), 'documents', coalesce(written_documents, '[]'));
END`;

  return named(
    "nb_upload_document_",
    [
      "text[], text[], text[]",
      "text[], text[], text[]",
      "text[], text[], text[], text[]",
      "text[], text[]",
      ...DOCUMENT_ARRAY_TYPES,
      "boolean",
    ].join(", "),
    "json",
    DOCUMENT_BODY,
  );
}

// As refreshRegionSummaries: the difference for a handful of keys, the recompute (the same statements) for more.
const FEW_KEYS = 64;

export interface UploadFunction {
  name: string;
  /** `SELECT to_regprocedure(…)` argument: the function's signature, for checking it is installed. */
  signature: string;
  /** Its CREATE OR REPLACE (run by applyMigrations under its lock; idempotent). */
  sql: string;
}

// Both functions' plans are made once per session, on its first upload, and kept (as withTransaction's
// keyedPlans, lib/db/sql.ts): for any values, and reading no table whole — made while a new database's
// tables held a few rows, a sequential scan looked cheapest and stayed the plan as the tables grew. The
// summaries' functions they call run under these settings too (a function's SET lasts for its call).
const SETTINGS = "SET plan_cache_mode = force_generic_plan SET enable_seqscan = off";

/** Named by its body's (and settings') fingerprint: a changed one is a new function, an old one never runs. */
function named(prefix: string, types: string, returns: string, body: string): UploadFunction {
  const name = `${prefix}${createHash("sha256").update(SETTINGS).update(body).digest("hex").slice(0, 16)}`;
  const signature = `"${name}"(${types})`;
  return {
    name,
    signature,
    sql: `CREATE OR REPLACE FUNCTION ${signature} RETURNS ${returns} LANGUAGE plpgsql VOLATILE
${SETTINGS} AS $nb_body$
${body}
$nb_body$`,
  };
}

let built: { afterVersion: UploadFunction; document: UploadFunction } | null = null;

/**
 * The upload's two functions. Built on first use, not when this module loads: their statements come from
 * the modules that send them separately, some of which import this one.
 */
export function getUploadFunctions(): { afterVersion: UploadFunction; document: UploadFunction } {
  return (built ??= { afterVersion: buildAfterVersion(), document: buildDocument() });
}
