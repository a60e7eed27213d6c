// The state a timed phase of the ingest benches starts from, and what the server did in the background during
// it. A raw COPY's speed depends less on the code than on what came before it: a checkpoint that an earlier
// load's WAL requested and that is still writing, shared buffers left dirty by that load (each one a backend
// meets must be written, and the WAL up to it flushed, before the buffer can hold a new page), an autovacuum
// worker analysing a just-loaded table beside the timed statement. So each timed phase starts from
// `settle()` — the tables autovacuum would pick next vacuumed and analysed by us, no autovacuum worker busy,
// then a CHECKPOINT (clean buffers; the next WAL-requested checkpoint as far away as for any other phase) —
// and `watch()` reports the checkpoints, autovacuum actions and background CPU that fell inside the phase.
//   const server = await startEmbeddedPostgres({ …, settings: PHASE_LOG_SETTINGS, log: phaseLog.take });
//   await settle(pool); const stop = watch(phaseLog, postmaster); …timed work…; console.log(stop().describe());
import { readFileSync } from "node:fs";
import path from "node:path";
import type pg from "pg";
import { postgresCpuByKind } from "./process-tree-cpu";

/** Server settings: checkpoints and every autovacuum action logged, in English (the lines are matched). */
export const PHASE_LOG_SETTINGS = {
  log_autovacuum_min_duration: "0",
  log_checkpoints: "on",
  lc_messages: "C",
} as const;

interface ServerEvent {
  at: number;
  text: string;
}

/** The server log's checkpoint and autovacuum lines, with the time they arrived. */
export class PhaseLog {
  readonly events: ServerEvent[] = [];
  take = (message: string): void => {
    for (const line of message.split("\n")) {
      const text = line.match(
        /(checkpoint (?:starting|complete).*|automatic (?:vacuum|analyze) of table.*)/,
      )?.[1];
      if (text) this.events.push({ at: performance.now(), text });
    }
  };
}

/** The postmaster's process id, from the data directory's postmaster.pid. */
export function postmasterPid(dataDir: string): number {
  return Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
}

export interface PhaseRecord {
  seconds: number;
  /** Checkpoints that started or completed during the phase, autovacuum actions that ended in it. */
  events: string[];
  /** CPU milliseconds of the server's client backends during the phase (a raw COPY: its own backend). */
  backends: number;
  /** CPU milliseconds of the server's background processes during the phase, by kind (backends excluded). */
  background: Map<string, number>;
  describe(): string;
}

/** Starts watching a phase; the function returned ends it. */
export function watch(log: PhaseLog, postmaster: number): () => PhaseRecord {
  const started = performance.now();
  // "exited": autovacuum workers, mostly (the benches' pools keep their backends).
  const before = postgresCpuByKind(postmaster);
  // A spread checkpoint an earlier phase's WAL started, still writing as this one begins.
  const lastCheckpoint = log.events.findLast((event) => event.text.startsWith("checkpoint"));
  const inherited = lastCheckpoint?.text.startsWith("checkpoint starting") === true;
  return () => {
    const ended = performance.now();
    const after = postgresCpuByKind(postmaster);
    const background = new Map<string, number>();
    for (const [kind, ms] of after)
      if (kind !== "backends" && kind !== "postmaster" && ms - (before.get(kind) ?? 0) >= 20)
        background.set(kind, ms - (before.get(kind) ?? 0));
    const events = log.events
      .filter((event) => event.at >= started && event.at <= ended)
      .map((event) => `${((event.at - started) / 1000).toFixed(1)}s ${shorten(event.text)}`);
    if (inherited) events.unshift("a checkpoint under way at its start");
    const backends = (after.get("backends") ?? 0) - (before.get("backends") ?? 0);
    return {
      seconds: (ended - started) / 1000,
      events,
      backends,
      background,
      describe() {
        const cpu = [...background].map(([kind, ms]) => `${kind} ${ms.toFixed(0)} ms`).join(", ");
        return `    backends ${backends.toFixed(0)} ms of CPU; background: ${cpu || "none ≥ 20 ms"}${events.length ? `; ${events.join("; ")}` : ""}`;
      },
    };
  };
}

function shorten(text: string): string {
  const table = text.match(/automatic (vacuum|analyze) of table "[^"]*?\.?([^".]+)"/);
  if (table) {
    const elapsed = text.match(/elapsed: ([\d.]+) s/)?.[1];
    return `autovacuum ${table[1]} ${table[2]}${elapsed ? ` (${elapsed} s)` : ""}`;
  }
  const complete = text.match(/checkpoint complete: wrote (\d+) buffers.*?total=([\d.]+) s/);
  if (complete) return `checkpoint complete (${complete[1]} buffers, ${complete[2]} s)`;
  return text.replace(/\s+/g, " ").slice(0, 60);
}

/**
 * Brings the database to the same state before a timed phase: what autovacuum would do next done now (the
 * tables past its vacuum or analyze thresholds, by the default formulas), no autovacuum worker left running,
 * then a CHECKPOINT. Returns what it did, for the bench's output.
 */
export async function settle(pool: pg.Pool): Promise<string> {
  const started = performance.now();
  const done: string[] = [];
  // Pending table statistics of the pool's idle backends reach the shared counters within a second or so;
  // this session's own at once.
  await pool.query("SELECT pg_stat_force_next_flush()");
  const { rows } = await pool.query<{ name: string; vacuum: boolean; analyze: boolean }>(`
    SELECT format('%I.%I', s.schemaname, s.relname) AS name,
           greatest(n_dead_tup - current_setting('autovacuum_vacuum_threshold')::float8
                      - current_setting('autovacuum_vacuum_scale_factor')::float8 * greatest(c.reltuples, 0),
                    n_ins_since_vacuum - current_setting('autovacuum_vacuum_insert_threshold')::float8
                      - current_setting('autovacuum_vacuum_insert_scale_factor')::float8 * greatest(c.reltuples, 0)
                   ) > 0 AS vacuum,
           n_mod_since_analyze - current_setting('autovacuum_analyze_threshold')::float8
             - current_setting('autovacuum_analyze_scale_factor')::float8 * greatest(c.reltuples, 0) > 0 AS analyze
      FROM pg_stat_all_tables s JOIN pg_class c ON c.oid = s.relid
     -- The catalogs too (every temporary staging table writes pg_class and pg_attribute rows); not other
     -- sessions' temporary tables, which autovacuum cannot process, nor can we; not TOAST tables, vacuumed
     -- with their own.
     -- pg_statistic: every ANALYZE writes it (ours too), so it would always be due.
     WHERE s.schemaname NOT LIKE 'pg\\_temp\\_%' AND s.schemaname NOT LIKE 'pg\\_toast%'
       AND s.relname <> 'pg_statistic'`);
  for (const { name, vacuum, analyze } of rows) {
    if (!vacuum && !analyze) continue;
    await pool.query(`${vacuum ? "VACUUM (ANALYZE)" : "ANALYZE"} ${name}`);
    done.push(`${vacuum ? "vacuum+analyze" : "analyze"} ${name.replace(/^(public|pg_catalog)\./, "")}`);
  }
  for (let waited = 0; ; waited += 200) {
    const { rows: workers } = await pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`,
    );
    if (Number(workers[0]!.n) === 0) break;
    if (waited === 0) done.push("waited for autovacuum");
    if (waited > 120_000) throw new Error("autovacuum still busy after two minutes");
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await pool.query("CHECKPOINT");
  return `settled in ${((performance.now() - started) / 1000).toFixed(1)} s${done.length ? ` (${done.join(", ")})` : ""}`;
}

/**
 * Makes the server's WAL segments as a server in use has them: a fresh cluster has almost none, so the first
 * phase that writes much — the first raw COPY — creates each 16 MB segment anew (zero-filled and synced,
 * wal_init_zero), where later phases reuse the segments a checkpoint recycled. Measured: the raw COPY before
 * a 20,000-report seed took 9.3 s, the same COPY after it 5.1 s, in the same run. Here: max_wal_size's worth
 * of segments created by switching to a new one after each tiny record, then recycled by the CHECKPOINT in
 * settle (which keeps about as many ahead as the last checkpoint's distance).
 */
export async function warmWal(pool: pg.Pool): Promise<void> {
  const { rows } = await pool.query<{ segments: number }>(
    `SELECT (pg_size_bytes(current_setting('max_wal_size')) / pg_size_bytes(current_setting('wal_segment_size')))::int AS segments`,
  );
  for (let i = 0; i < rows[0]!.segments; i += 1)
    await pool.query(`SELECT pg_logical_emit_message(false, 'bench', ''), pg_switch_wal()`);
  await pool.query("CHECKPOINT");
}
