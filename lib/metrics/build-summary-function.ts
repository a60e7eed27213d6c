// The summaries' refresh as one plpgsql function: the per-province locks and every statement of
// buildSummaryRefreshSql, so a single upload recomputes its summary rows in one round trip instead of eight
// (the statements themselves are unchanged: this file only decides how they are sent). PL/pgSQL keeps each
// statement's plan for the session, as the named prepared statements did. The function is named by the
// fingerprint of its body: a changed summary SQL gets a new function, installed by applyMigrations, and an
// old body is never run.
//   await client.query(buildSummaryFunctionSql());                              // install (idempotent)
//   SELECT "nb_refresh_summaries_…"($1 years, $2 paths, $3 depths, $4 provinces)
import { createHash } from "node:crypto";
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

function buildBody(): string {
  const lock = SUMMARY_LOCK_SQL.replace("SELECT ", "PERFORM ").replace("$1::text[]", "$4::text[]");
  return [lock, ...statementTexts()].map((statement) => `  ${statement};`).join("\n");
}

const BODY = buildBody();

export const SUMMARY_FUNCTION_NAME = `nb_refresh_summaries_${createHash("sha256").update(BODY).digest("hex").slice(0, 16)}`;
const SIGNATURE = `"${SUMMARY_FUNCTION_NAME}"(integer[], text[], integer[], text[])`;

/** `SELECT to_regprocedure(…)` argument: the function's signature, for checking it is installed. */
export const SUMMARY_FUNCTION_SIGNATURE = SIGNATURE;

/** CREATE OR REPLACE of the function (run by applyMigrations under its lock). */
export function buildSummaryFunctionSql(): string {
  return `CREATE OR REPLACE FUNCTION ${SIGNATURE} RETURNS void
LANGUAGE plpgsql VOLATILE AS $nb_body$
BEGIN
${BODY}
END
$nb_body$`;
}
