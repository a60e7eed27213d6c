// The summaries' refresh as plpgsql functions: the per-province locks and every statement of
// buildSummaryRefreshSql, so a single upload recomputes its summary rows in one round trip instead of eight
// (the statements themselves are unchanged: this file only decides how they are sent). PL/pgSQL keeps each
// statement's plan for the session, as the named prepared statements did. Each function is named by the
// fingerprint of its body: a changed summary SQL gets a new function, installed by applyMigrations, and an
// old body is never run. Two functions: the full recompute, and the upload's, which adds the difference
// of one new current version instead (build-summary-delta-sql.ts, build-roll-up-delta-sql.ts).
//   for (const { sql } of buildSummaryFunctions()) await client.query(sql);    // install (idempotent)
//   SELECT "nb_refresh_summaries_…"($1 years, $2 paths, $3 depths, $4 provinces)
//   SELECT "nb_refresh_summaries_delta_…"($1 … $4, $5 agencies, $6 years, $7 reports, $8 demoted, $9 before)
import { createHash } from "node:crypto";
import { ROLL_UP_DELTA_STATEMENTS } from "@/lib/metrics/build-roll-up-delta-sql";
import {
  COVERAGE_DIFFERENCE,
  DELETE_EMPTIED_SUMMARIES,
  EMPTIED_FINDINGS_VARIABLE,
  EMPTIED_METRICS_VARIABLE,
  beforeChangeSql,
  findingsDifferenceInto,
  metricsDifferenceSql,
} from "@/lib/metrics/build-summary-delta-sql";
import { buildSummaryRefreshSql } from "@/lib/metrics/build-summary-sql";

// Two writers recomputing rows of one province and year would each miss the other's uncommitted reports:
// they take turns on a transaction lock per (year, province), always in ascending order (no deadlock).
export const SUMMARY_LOCK_SPACE = 0x5359;

/** The lock statement; `$1` is the text array of "year:province" keys. */
export const SUMMARY_LOCK_SQL = `SELECT pg_advisory_xact_lock(${SUMMARY_LOCK_SPACE}::int, k)
          FROM (SELECT DISTINCT hashtext(p) AS k FROM unnest($1::text[]) p ORDER BY 1) x`;

/**
 * The refresh statements as text over the keys' three arrays ($1 years, $2 paths, $3 depths). A step's
 * further values (the depth it fills) are numbers from code, written into the text.
 */
function statementTexts(): string[] {
  return buildSummaryRefreshSql([{ year: 0, path: "", depth: 0 }]).map(({ text, values }) =>
    text.replace(/\$(\d+)\b/g, (placeholder, digits: string) => {
      const index = Number(digits) - 1;
      if (index < 3) return placeholder;
      const value = values[index];
      if (typeof value !== "number" || !Number.isInteger(value))
        throw new Error(`summary SQL: parameter ${placeholder} is not a whole number from code`);
      return String(value);
    }),
  );
}

/** `text` with its placeholders renumbered ($1 → mapping.$1 …), in one pass. */
function renumber(text: string, mapping: Record<string, string>): string {
  return text.replace(/\$\d+\b/g, (placeholder) => {
    const to = mapping[placeholder];
    if (!to) throw new Error(`summary SQL: no parameter for ${placeholder}`);
    return to;
  });
}

const statements = (texts: readonly string[]) => texts.map((text) => `  ${text};`).join("\n");
const LOCK = SUMMARY_LOCK_SQL.replace("SELECT ", "PERFORM ").replace("$1::text[]", "$4::text[]");

interface SummaryFunction {
  name: string;
  signature: string;
  body: string;
}

function named(prefix: string, types: string, body: string): SummaryFunction {
  const name = `${prefix}${createHash("sha256").update(body).digest("hex").slice(0, 16)}`;
  return { name, signature: `"${name}"(${types})`, body };
}

const KEY_TYPES = "integer[], text[], integer[], text[]";

/** The full recompute: ($1 years, $2 paths, $3 depths, $4 "year:province" locks). */
const FULL = named(
  "nb_refresh_summaries_",
  KEY_TYPES,
  `BEGIN\n${statements([LOCK, ...statementTexts()])}\nEND`,
);

// The upload's: $5 agencies, $6 years, $7 new current reports, $8 demoted ones, $9 the agency's
// contributions before the change, {"earliest": …, "metrics": …, "findings": …} (build-summary-delta-sql.ts). An uncertain
// key falls back to the recompute.
const CHANGES = { $1: "$5", $2: "$6", $3: "$7", $4: "$8" };
const DELTA = named(
  "nb_refresh_summaries_delta_",
  `${KEY_TYPES}, integer[], integer[], integer[], integer[], jsonb`,
  `DECLARE
  uncertain_years integer[];
  uncertain_paths text[];
  uncertain_depths integer[];
  emptied_governments integer[];
  emptied_years integer[];
  emptied_cells smallint[];
  ${EMPTIED_METRICS_VARIABLE} tid[];
  ${EMPTIED_FINDINGS_VARIABLE} tid[];
BEGIN
${statements([
  LOCK,
  // One agency and year: the first of $5 and $6 (the caller sends one change).
  renumber(
    metricsDifferenceSql("uncertain_years, uncertain_paths, uncertain_depths", EMPTIED_METRICS_VARIABLE),
    {
      $1: "($5)[1]",
      $2: "($9 -> 'metrics')",
      $3: "($6)[1]",
      $4: "($9 ->> 'earliest')",
    },
  ),
  renumber(findingsDifferenceInto(EMPTIED_FINDINGS_VARIABLE), {
    $1: "($5)[1]",
    $2: "($6)[1]",
    $3: "($9 -> 'findings')",
  }),
  renumber(COVERAGE_DIFFERENCE, CHANGES),
  ...DELETE_EMPTIED_SUMMARIES,
  ...ROLL_UP_DELTA_STATEMENTS.map((text) => renumber(text, CHANGES)),
])}
  IF uncertain_years IS NOT NULL THEN
    PERFORM "${FULL.name}"(uncertain_years, uncertain_paths, uncertain_depths, $4);
  END IF;
END`,
);

// The agency's contributions before the change as JSON ($1 the agency, $2 the year uploaded), for the
// upload's "before" (read in the statement that inserts the new version: STABLE, so it sees the rows as they
// stood when that statement began).
const CONTRIBUTIONS = named(
  "nb_summary_contributions_",
  "integer, integer",
  `BEGIN
  RETURN (${beforeChangeSql("$1", "$2")});
END`,
);

export const SUMMARY_FUNCTION_NAME = FULL.name;
/** `SELECT to_regprocedure(…)` argument: the function's signature, for checking it is installed. */
export const SUMMARY_FUNCTION_SIGNATURE = FULL.signature;
export const SUMMARY_DELTA_FUNCTION_NAME = DELTA.name;
export const SUMMARY_DELTA_FUNCTION_SIGNATURE = DELTA.signature;
export const SUMMARY_CONTRIBUTIONS_FUNCTION_NAME = CONTRIBUTIONS.name;

/** The functions of this version, each with its CREATE OR REPLACE (run by applyMigrations under its lock). */
export function buildSummaryFunctions(): { signature: string; sql: string }[] {
  // The difference's statements are planned once per session: planned anew for each upload's values
  // (PostgreSQL's default for the first calls, and whenever a custom plan looks cheaper) they cost more
  // than they save — planning the 160 columns took longer than running them.
  const generic = "SET plan_cache_mode = force_generic_plan";
  return [
    { ...FULL, header: "RETURNS void LANGUAGE plpgsql VOLATILE" },
    { ...DELTA, header: `RETURNS void LANGUAGE plpgsql VOLATILE ${generic}` },
    { ...CONTRIBUTIONS, header: `RETURNS text LANGUAGE plpgsql STABLE ${generic}` },
  ].map(({ signature, body, header }) => ({
    signature,
    sql: `CREATE OR REPLACE FUNCTION ${signature} ${header} AS $nb_body$
${body}
$nb_body$`,
  }));
}
