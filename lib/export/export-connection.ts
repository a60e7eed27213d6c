// A connection of its own for one export, and the way to let it go: returned to the pool when the export
// ran to its end; otherwise (the client went away, an error) the backend's query is cancelled and the
// connection closed, since it is mid-COPY or mid-cursor and cannot serve anyone else.
//
// Two things keep exports from taking the app down with them (found by `npm run bench:load`: 50 clients
// that asked for an export and left after 3 s froze every page for good):
// - The cancel goes out on a connection of its own, as PostgreSQL's cancel request (the backend's process id
//   and secret key, no login), never through the pool: with every pooled connection held by an export waiting
//   for its cancel and more exports queued for a connection, a `pg_cancel_backend` asked of the pool waited
//   behind them for ever. The connection is closed at once as well, so its place in the pool is free again.
// - At most half the pool's connections serve exports at a time ("slots"); the others stay for pages and
//   uploads. An export waits for a slot in turn, and a request whose client has gone stops waiting.
import pg from "pg";
import { AppError } from "@/lib/api/app-error";

export interface ExportConnection {
  client: pg.PoolClient;
  /** The backend's process id (pg_stat_activity.pid). */
  pid: number;
  release(completed: boolean): Promise<void>;
}

export async function openExportConnection(pool: pg.Pool, signal?: AbortSignal): Promise<ExportConnection> {
  const slots = slotsOf(pool);
  await slots.acquire(signal);
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    slots.release();
    throw error;
  }
  if (signal?.aborted) {
    client.release();
    slots.release();
    throw new AppError("CLIENT_CLOSED_REQUEST");
  }
  // The cancelled query's error arrives on the client after we stopped listening: not a crash.
  const ignore = () => {};
  client.on("error", ignore);
  const pid = (client as unknown as { processID: number }).processID;
  let released = false;
  const connection: ExportConnection = {
    client,
    pid,
    async release(completed) {
      if (released) return;
      released = true;
      signal?.removeEventListener("abort", stop);
      slots.release();
      if (completed) {
        client.removeListener("error", ignore);
        client.release();
        return;
      }
      cancelRunningQuery(pool, client);
      client.release(new Error("export stopped before its end"));
    },
  };
  // The client left: stop now. Destroying the export's stream is not enough while its query still sorts —
  // a stream made from a generator emits "close" only once the generator's pending step (the query's first
  // chunk) settles, which for a large export is seconds to minutes of a backend's work for nobody.
  const stop = () => void connection.release(false);
  signal?.addEventListener("abort", stop, { once: true });
  return connection;
}

/** PostgreSQL's cancel request for the client's running query, sent on a new connection (not the pool's);
 * a backend still sorting stops now rather than when it next writes. Best effort: failures are ignored
 * (closing the client's connection ends the query at its next write anyway). */
function cancelRunningQuery(pool: pg.Pool, client: pg.PoolClient): void {
  const running = (client as unknown as { activeQuery?: unknown }).activeQuery;
  if (!running) return;
  const canceller = new pg.Client(pool.options);
  const connection = (canceller as unknown as { connection: NodeJS.EventEmitter }).connection;
  connection.on("error", () => {});
  (canceller as unknown as { cancel(client: pg.PoolClient, query: unknown): void }).cancel(client, running);
}

class ExportSlots {
  private free: number;
  private readonly waiting: (() => void)[] = [];

  constructor(size: number) {
    this.free = size;
  }

  async acquire(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) throw new AppError("CLIENT_CLOSED_REQUEST");
    if (this.free > 0) {
      this.free--;
      return;
    }
    await new Promise<void>((resolve, reject) => {
      const take = () => {
        signal?.removeEventListener("abort", leave);
        resolve();
      };
      const leave = () => {
        const index = this.waiting.indexOf(take);
        if (index >= 0) this.waiting.splice(index, 1);
        reject(new AppError("CLIENT_CLOSED_REQUEST"));
      };
      this.waiting.push(take);
      signal?.addEventListener("abort", leave, { once: true });
    });
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.free++;
  }
}

const slotsByPool = new WeakMap<pg.Pool, ExportSlots>();

function slotsOf(pool: pg.Pool): ExportSlots {
  let slots = slotsByPool.get(pool);
  if (!slots) {
    slots = new ExportSlots(Math.max(1, Math.floor((pool.options.max ?? 10) / 2)));
    slotsByPool.set(pool, slots);
  }
  return slots;
}
