// Plain SQL on the shared pool (lib/db/create-client.ts), for the set-based ingestion statements and COPY,
// where a round trip per statement is the budget and Prisma's per-query cost would double it. Queries are
// built with Prisma.sql tagged templates — values always travel as parameters, identifiers only come from
// code (Prisma.raw with constants) — and run with their `$1`-style text.
//   const rows = await runQuery<{ id: number }>(client, sql`SELECT id FROM "Report" WHERE "year" = ${year}`);
//   await withTransaction(pool, async (client) => { … });
import { createHash } from "node:crypto";
import type pg from "pg";
import { asArrayParameter } from "@/lib/db/array-literal";
import { Prisma } from "@/lib/generated/prisma/client";

export const sql = Prisma.sql;
export const rawSql = Prisma.raw;
export const joinSql = Prisma.join;
export const emptySql = Prisma.empty;
export type Sql = Prisma.Sql;

/** The pool itself (one statement, any connection), a connection in a transaction, or a single client. */
export type SqlClient = pg.Pool | pg.ClientBase;

/**
 * Runs a query as a named prepared statement: each connection parses and plans a statement once, then
 * reuses it (the ingestion statements are long — the read model's is 150 lines — and planning them cost
 * more than running them for one report). The name is a hash of the text, so one text, one name. Array
 * parameters go as arrayLiteral's text (asArrayParameter): node-postgres formats each element with regex
 * escapes, the largest producer of an import's main-thread garbage (BENCHMARKS.md, import19, prepare19).
 */
export async function runQuery<Row extends object>(client: SqlClient, query: Sql): Promise<Row[]> {
  // Prisma.Sql builds its text anew on every read of `.text` (the read model's is tens of KB): read it once.
  const text = query.text;
  const values = query.values.map(asArrayParameter);
  const result = await client.query<Row>({ name: statementName(text), text, values });
  return result.rows;
}

/** runQuery for a statement kept as text with $n placeholders (built once, at load) and its values. */
export async function runStatement<Row extends object>(
  client: SqlClient,
  text: string,
  values: unknown[] = [],
): Promise<Row[]> {
  const result = await client.query<Row>({
    name: statementName(text),
    text,
    values: values.map(asArrayParameter),
  });
  return result.rows;
}

const NAMES = new Map<string, string>();

function statementName(text: string): string {
  let name = NAMES.get(text);
  if (name === undefined) {
    name = `nb_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
    NAMES.set(text, name);
  }
  return name;
}

/**
 * `keyedPlans`, for transactions of a handful of rows whose statements find their rows by key whatever the
 * values (an upload's), set with BEGIN in the same round trip:
 * - the transaction's named statements run on the plan PostgreSQL keeps for them, never on one made for
 *   their values. PostgreSQL's default plans such a statement anew for each call whenever that looks
 *   cheaper — for the upload's long statements (the read model's 160 columns) every time, planning costing
 *   more than running;
 * - and that plan reads no table whole. A connection's plans are made on its first upload: on a new
 *   database, while the tables hold a few rows, a sequential scan looked cheapest and stayed the plan as the
 *   tables grew (bench:upload on an empty database: Report, ReportMetrics and RegionYearMetrics read whole,
 *   ≈ 1,100 rows per upload after 400). Statistics do not help: analysed as they grow, the plans read Agency
 *   whole instead. With sequential scans off the planner takes an index for every lookup whatever it knows.
 */
const BEGIN_WITH_KEYED_PLANS =
  "BEGIN; SET LOCAL plan_cache_mode = force_generic_plan; SET LOCAL enable_seqscan = off";

/**
 * Runs `work` in one transaction on a connection of its own, committed when it returns and rolled back when
 * it throws. A connection whose ROLLBACK fails is broken: it is destroyed rather than returned to the pool.
 */
export async function withTransaction<T>(
  pool: pg.Pool,
  work: (client: pg.PoolClient) => Promise<T>,
  options: { keyedPlans?: boolean } = {},
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(options.keyedPlans ? BEGIN_WITH_KEYED_PLANS : "BEGIN");
    const result = await work(client);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((rollbackError: unknown) => {
      broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
