// The summaries' refresh as plpgsql functions: the per-province locks and every statement of
// buildSummaryRefreshSql, so a single upload recomputes its summary rows in one round trip instead of eight
// (the statements themselves are unchanged: this file only decides how they are sent). PL/pgSQL keeps each
// statement's plan for the session, as the named prepared statements did. Each function is named by the
// fingerprint of its body: a changed summary SQL gets a new function, installed by applyMigrations, and an
// old body is never run. Two functions: the full recompute, and the upload's — every table but
// RollUpCellSums recomputed, those updated by difference (build-roll-up-delta-sql.ts).
//   for (const { sql } of buildSummaryFunctions()) await client.query(sql);    // install (idempotent)
//   SELECT "nb_refresh_summaries_…"($1 years, $2 paths, $3 depths, $4 provinces)
//   SELECT "nb_refresh_summaries_delta_…"($1 … $4, $5 agencies, $6 years, $7 reports, $8 demoted reports)
import { createHash } from "node:crypto";
import { ROLL_UP_DELTA_STATEMENTS } from "@/lib/metrics/build-roll-up-delta-sql";
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
function statementTexts(rollUp: boolean): string[] {
  return buildSummaryRefreshSql([{ year: 0, path: "", depth: 0 }], { rollUp }).map(({ text, values }) =>
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

// The roll-up delta's parameters in the function: its changes are $5–$8, its keys the function's $1, $2.
const CHANGE_PARAMETERS: Record<string, string> = { $1: "$5", $2: "$6", $3: "$7", $4: "$8" };

function buildBody(delta: boolean): string {
  const lock = SUMMARY_LOCK_SQL.replace("SELECT ", "PERFORM ").replace("$1::text[]", "$4::text[]");
  const statements = delta
    ? [
        ...statementTexts(false),
        ...ROLL_UP_DELTA_STATEMENTS.map(({ text, over }) =>
          over === "keys" ? text : text.replace(/\$\d+\b/g, (placeholder) => CHANGE_PARAMETERS[placeholder]!),
        ),
      ]
    : statementTexts(true);
  return [lock, ...statements].map((statement) => `  ${statement};`).join("\n");
}

interface SummaryFunction {
  name: string;
  signature: string;
  body: string;
}

function summaryFunction(prefix: string, delta: boolean): SummaryFunction {
  const body = buildBody(delta);
  const name = `${prefix}${createHash("sha256").update(body).digest("hex").slice(0, 16)}`;
  const types = delta
    ? "integer[], text[], integer[], text[], integer[], integer[], integer[], integer[]"
    : "integer[], text[], integer[], text[]";
  return { name, signature: `"${name}"(${types})`, body };
}

const FULL = summaryFunction("nb_refresh_summaries_", false);
const DELTA = summaryFunction("nb_refresh_summaries_delta_", true);

export const SUMMARY_FUNCTION_NAME = FULL.name;
/** `SELECT to_regprocedure(…)` argument: the function's signature, for checking it is installed. */
export const SUMMARY_FUNCTION_SIGNATURE = FULL.signature;
export const SUMMARY_DELTA_FUNCTION_NAME = DELTA.name;
export const SUMMARY_DELTA_FUNCTION_SIGNATURE = DELTA.signature;

/** The functions of this version, each with its CREATE OR REPLACE (run by applyMigrations under its lock). */
export function buildSummaryFunctions(): { signature: string; sql: string }[] {
  return [FULL, DELTA].map(({ signature, body }) => ({
    signature,
    sql: `CREATE OR REPLACE FUNCTION ${signature} RETURNS void
LANGUAGE plpgsql VOLATILE AS $nb_body$
BEGIN
${body}
END
$nb_body$`,
  }));
}
