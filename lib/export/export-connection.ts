// A connection of its own for one export, and the way to let it go: returned to the pool when the export
// ran to its end; otherwise (the client went away, an error) the backend's query is cancelled first —
// pg_cancel_backend from another connection, so a long sort stops at once rather than when it next tries to
// send — and the connection is closed, since it is mid-COPY or mid-cursor and cannot serve anyone else.
import type pg from "pg";

export interface ExportConnection {
  client: pg.PoolClient;
  /** The backend's process id (pg_stat_activity.pid). */
  pid: number;
  release(completed: boolean): Promise<void>;
}

export async function openExportConnection(pool: pg.Pool): Promise<ExportConnection> {
  const client = await pool.connect();
  // The cancelled query's error arrives on the client after we stopped listening: not a crash.
  const ignore = () => {};
  client.on("error", ignore);
  const pid = (client as unknown as { processID: number }).processID;
  let released = false;
  return {
    client,
    pid,
    async release(completed) {
      if (released) return;
      released = true;
      if (completed) {
        client.removeListener("error", ignore);
        client.release();
        return;
      }
      await pool.query("SELECT pg_cancel_backend($1)", [pid]).catch(() => undefined);
      client.release(new Error("export stopped before its end"));
    },
  };
}
