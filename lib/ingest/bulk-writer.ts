// The bulk path's writer for a stream of prepared documents (seed:synthetic, `npm run import`, the ingest
// benches): documents are gathered into batches and each batch stored by storeInBulk in a transaction of
// its own — two batches in flight at once, on two connections, so that the database works on both cores
// (one batch's statements are a sequence on one backend: with one batch at a time the other core idles
// while the cells of a batch are COPYed). The read model's summaries are recomputed behind the batches
// (DeferredSummaries), and `finish` waits for what is left — or, into an empty read model with
// `rebuildSummariesIfEmpty` (seed:synthetic), rebuilt once at `finish`.
//   const writer = await BulkWriter.start(db, { batchSize: 1000, onResults });
//   for (const document of documents) await writer.add(document, tag);   // waits while both are busy
//   await writer.finish();
//
// Batches in flight together stay safe:
// - a batch keeps an agency's consecutive documents together (it may grow past its size to the end of
//   them, up to twice it), so the synthetic seed's batches — agency by agency — share no agency and do
//   not wait for each other's agency locks (accept-readings.ts); batches that do share one are still
//   right, the later one waits on the lock;
// - each batch's first statements — agencies, regions and documents, which insert rows by unique name,
//   code or sha256 — run one batch at a time (a Turn each): a batch may wait there for an earlier batch's
//   commit (the same new agency or bytes), but never the other way round, so two batches cannot wait for
//   each other in a cycle. Everything after is keyed by agency under the agency locks, taken in id order.
// - that wait would leave a core idle for most of a batch (the one behind waits for the one ahead to
//   commit, and the next for it: the batches go one at a time), and a batch of a thousand reports nearly
//   always shares a government with the one before — a department's parent, or the government itself.
//   So a document whose agency or parent government (the names its batch would insert) is a name of a
//   batch in flight, or of a document held already, is held back, and goes into a later batch once those
//   have committed: the names of batches in flight are disjoint, and an agency's documents keep their
//   order (a document with the name of a held one is held behind it). At most a batch's worth is held.
// Into an empty read model, 排名's indexes (and with cellKeyAtFinishIfEmpty ReportCell's key) are dropped at
// `start` and built once at `finish` (defer-ranking-indexes.ts). The first batch is smaller (FIRST_BATCH) and
// each next one up to twice the one before, so the database starts while the rest is still being read or
// generated, and is not left idle waiting for a full-size second batch; with `eagerBatch` (an import) a batch
// goes as soon as a connection is free, in two halves at once when both are. Each report stays all-or-nothing
// (storeInBulk splits a failing batch down to the document at fault); results come per batch, in the order
// batches commit.
import { getPool, type Db } from "@/lib/db/create-client";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import {
  deferRankingIndexes,
  restoreCellKey,
  restoreRankingIndexes,
} from "@/lib/ingest/defer-ranking-indexes";
import { DeferredSummaries } from "@/lib/ingest/refresh-report-metrics";
import { agencyNames, splitByAgency } from "@/lib/ingest/split-by-agency";
import { storeInBulk, type BulkResult } from "@/lib/ingest/store-in-bulk";
import type { Turn } from "@/lib/ingest/store-documents";

export interface BulkWriterOptions<T> {
  /** Documents per transaction. */
  batchSize: number;
  /** A batch also closes at this many bytes of documents (default 64 MB). */
  batchBytes?: number;
  /** Batches stored at once (default 2: one per core of the database). */
  inFlight?: number;
  /**
   * A batch is also written while a slot is free (at an agency's end) once it holds this many documents —
   * the first one; each next from twice the size before, up to `batchSize` (bigger batches cost the
   * database less per document), but from a quarter of what is still to come if that is less (`remaining`):
   * the database starts early, never idles while enough documents are ready, and its work after the last
   * document is small. A batch gathers past that size while both slots are busy; one of twice this or more
   * goes as two halves at once when both are free (parts). For a source slower than the database at times
   * (an import, which reads its files first).
   */
  eagerBatch?: number;
  /** With eagerBatch: how many documents are still to come (an estimate). */
  remaining?: () => number;
  /**
   * Each batch keeps the read model's summaries by difference in its own transaction (summary-difference.ts)
   * where it can, instead of its keys being recomputed behind the batches and at `finish` — when the
   * database already holds at least this many reports (as the planner's statistics count them; 0: always).
   * The difference costs about the same per report whatever the database holds, and rewrites the cities' and
   * provinces' rows at every batch; the recompute re-sums each county-year a batch touches from all its
   * reports and the upper levels once: cheaper into an empty database (a first import of 2,000 files:
   * backends 1.2 against 1.5 ms per file), dearer into a filled one (500 files into 7,000 reports: 1.56
   * against 1.30), and dearer the more reports each county-year holds (BENCHMARKS.md "import14").
   */
  summariesByDifferenceFrom?: number;
  /**
   * Into an empty read model (排名's indexes deferred), the summaries are rebuilt once at `finish` instead of
   * recomputed behind the batches (DeferredSummaries.rebuildAtFinish) — seed:synthetic.
   */
  rebuildSummariesIfEmpty?: boolean;
  /**
   * With rebuildSummariesIfEmpty, into an empty database (排名's indexes deferred, ReportCell empty),
   * ReportCell's primary key is dropped at `start` and built once at `finish` too (defer-ranking-indexes.ts)
   * — seed:synthetic, whose batches keep each agency's years together and so never look a committed
   * report's cells up by key.
   */
  cellKeyAtFinishIfEmpty?: boolean;
  /** Each batch's results once it has committed, with the tags its documents were added with. */
  onResults: (results: BulkResult[], tags: T[]) => void;
}

// The first batch is written as soon as this many documents are in (the next ones doubling up to the size
// configured).
const FIRST_BATCH = 250;
const DEFAULT_BATCH_BYTES = 64 * 1024 * 1024;

/** Some of a batch's documents with their tags, stored as a batch of their own. */
interface Part<T> {
  documents: PreparedDocument[];
  tags: T[];
}

/** A batch's documents in two halves that share no agency name (split-by-agency.ts); an empty one left out. */
function halvesByAgency<T>(documents: PreparedDocument[], tags: T[]): Part<T>[] {
  return splitByAgency(documents)
    .filter((half) => half.length > 0)
    .map((half) => ({
      documents: half.map((index) => documents[index]!),
      tags: half.map((index) => tags[index]!),
    }));
}

export class BulkWriter<T> {
  private batch: PreparedDocument[] = [];
  private tags: T[] = [];
  private bytes = 0;
  private limit: number;
  /** With eagerBatch: the size from which a batch goes while a slot is free, doubling with each batch. */
  private eagerSize: number;
  private readonly running = new Set<Promise<void>>();
  /** The agency names each batch in flight inserts or finds by name (agencyNames). */
  private readonly runningNames = new Map<Promise<void>, ReadonlySet<string>>();
  /** Documents held back (see above), in the order they came, and their names. */
  private held: { document: PreparedDocument; tag: T; names: string[] }[] = [];
  private heldNames = new Set<string>();
  /** A batch has ended since the held documents were last looked at. */
  private released = false;
  private failure: { error: unknown } | null = null;
  // Serialises each batch's first statements (see above): the turn passes on when they are done.
  private turn: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: Db,
    private readonly summaries: DeferredSummaries,
    /** 排名's indexes were dropped at start, to be built at finish. */
    private readonly indexesDeferred: boolean,
    /** The batches keep the summaries by difference (summariesByDifferenceFrom). */
    private readonly byDifference: boolean,
    private readonly options: BulkWriterOptions<T>,
  ) {
    this.limit = Math.min(options.batchSize, FIRST_BATCH);
    this.eagerSize = options.eagerBatch ?? options.batchSize;
  }

  /** Marks the summaries stale until `finish` (DeferredSummaries.start); into an empty read model, drops 排名's indexes. */
  static async start<T>(db: Db, options: BulkWriterOptions<T>): Promise<BulkWriter<T>> {
    const pool = getPool(db);
    const summaries = await DeferredSummaries.start(pool);
    const from = options.summariesByDifferenceFrom;
    const byDifference = from !== undefined && summaries.existingReports >= from;
    // ReportCell's key only with the summaries rebuilt at finish: then every batch, whatever its size, takes
    // its new reports' cells from what it sends (acceptReadings' summariesRebuilt), never by key.
    const rebuild = !!options.rebuildSummariesIfEmpty && !byDifference;
    const indexesDeferred = await deferRankingIndexes(pool, {
      cellKey: rebuild && options.cellKeyAtFinishIfEmpty,
    });
    if (indexesDeferred && rebuild) summaries.rebuildAtFinish();
    return new BulkWriter(db, summaries, indexesDeferred, byDifference, options);
  }

  /** Adds a document; resolves once it is taken (it waits while a full batch waits for a free slot). */
  async add(document: PreparedDocument, tag: T): Promise<void> {
    this.throwIfFailed();
    if (this.released) await this.releaseHeld();
    // A full batch goes first: the document is checked against the batches it would be in flight with.
    if (this.isFull(document)) await this.flush();
    const names = agencyNames(document);
    if (names.some((name) => this.heldNames.has(name) || this.isInFlight(name))) {
      this.hold({ document, tag, names });
      // Never more than a batch's worth held: then the batches in flight are waited for.
      if (this.held.length >= this.limit) {
        await Promise.all(this.running);
        await this.releaseHeld();
      }
      return;
    }
    await this.take(document, tag);
  }

  /** Stores what is left, waits for every batch, then finishes the summaries and builds the indexes it dropped. */
  async finish(): Promise<void> {
    // The batch gathered goes first, as soon as a connection is free: none of its documents shares a name
    // with a batch in flight or a held document (those are held). Then the held documents, each as soon as
    // the batches it waits for have committed. They were added to the gathered batch once every batch in
    // flight had committed: a 500-file import's last ≈ 90 files waited for the longer of two batches, and a
    // 5,000-report seed's last 233 for the batch of 1,001 before them, one connection idle meanwhile
    // (BENCHMARKS.md "import17", "seed17").
    // (A batch may go in halves near the end, one at each free slot: halvesNearTheEnd.)
    while (this.batch.length > 0) await this.flush();
    while (this.held.length > 0) {
      if (this.running.size > 0) await Promise.race(this.running);
      this.throwIfFailed();
      await this.releaseHeld();
      while (this.batch.length > 0) await this.flush();
    }
    while (this.running.size > 1) await Promise.race(this.running);
    // The batch still to commit is the last: its keys wait for the summaries' finish (two connections).
    this.summaries.stopCatchingUp();
    while (this.running.size > 0) await Promise.race(this.running);
    this.throwIfFailed();
    // The indexes are built while the summaries finish: each is a sequence on one or two connections (the
    // recompute under way, the planner's statistics when they are due, then the last keys in two halves),
    // so either alone leaves a core idle at times; nothing of one waits long for the other (an index build
    // takes a SHARE lock, which the recompute's reads and writes do not conflict with; only its ANALYZE
    // waits for the build under way). The rate indexes' expressions have planner statistics only once
    // their index exists: the read model is analysed again right after the builds, while the summaries
    // still finish (they read it and no longer write it) — not after both, alone at the very end.
    // Both end before a failure of either is thrown: each leaves its flag if it fails.
    // ReportCell's key (when it was deferred) is built first, on a connection of its own: the summaries'
    // roll-up sums, which read the cells, start once it is there; the rest goes meanwhile.
    const pool = getPool(this.db);
    const cellKey = this.indexesDeferred ? restoreCellKey(pool) : undefined;
    cellKey?.catch(() => undefined);
    const outcomes = await Promise.allSettled([
      this.indexesDeferred
        ? restoreRankingIndexes(pool, cellKey).then(() => pool.query(`ANALYZE "ReportMetrics"`))
        : null,
      this.summaries.finish({ cellsKeyed: cellKey }),
    ]);
    const failed = outcomes.find((outcome) => outcome.status === "rejected");
    if (failed) throw failed.reason;
  }

  /** The batch is full before this document (it may grow past its size to the end of an agency's documents). */
  private isFull(document: PreparedDocument): boolean {
    const full =
      this.batch.length >= this.limit ||
      this.bytes >= (this.options.batchBytes ?? DEFAULT_BATCH_BYTES) ||
      this.slotFreeFor(this.batch.length);
    return full && !(this.continuesAgency(document) && this.batch.length < 2 * this.limit);
  }

  /** With eagerBatch: a batch of `size` documents would be written now, a slot being free. */
  private slotFreeFor(size: number): boolean {
    const eager = this.options.eagerBatch;
    if (eager === undefined || this.running.size >= this.inFlight) return false;
    const left = this.options.remaining?.();
    const at = left === undefined ? this.eagerSize : Math.min(this.eagerSize, Math.floor(left / 4));
    return size >= Math.max(eager, at);
  }

  private get inFlight(): number {
    return this.options.inFlight ?? 2;
  }

  private async take(document: PreparedDocument, tag: T): Promise<void> {
    if (this.isFull(document)) await this.flush();
    this.batch.push(document);
    this.tags.push(tag);
    this.bytes += document.size;
  }

  private hold(entry: { document: PreparedDocument; tag: T; names: string[] }): void {
    this.held.push(entry);
    for (const name of entry.names) this.heldNames.add(name);
  }

  /** The held documents that no batch in flight (nor an earlier held one) shares a name with, taken in order. */
  private async releaseHeld(): Promise<void> {
    this.released = false;
    const waiting = this.held;
    this.held = [];
    this.heldNames = new Set();
    for (const entry of waiting) {
      if (this.isFull(entry.document)) await this.flush();
      if (entry.names.some((name) => this.heldNames.has(name) || this.isInFlight(name))) this.hold(entry);
      else await this.take(entry.document, entry.tag);
    }
  }

  private isInFlight(name: string): boolean {
    for (const names of this.runningNames.values()) if (names.has(name)) return true;
    return false;
  }

  private continuesAgency(document: PreparedDocument): boolean {
    const name = document.agency?.name;
    return name !== undefined && name === this.batch.at(-1)?.agency?.name;
  }

  private async flush(): Promise<void> {
    const documents = this.batch;
    const tags = this.tags;
    this.batch = [];
    this.tags = [];
    this.bytes = 0;
    // Each batch up to twice the one before: the database, idle until the first batch comes, gets the
    // second about when it is done with the first, while the rest is still being read or generated.
    this.limit = Math.min(this.options.batchSize, 2 * this.limit);
    this.eagerSize = Math.min(this.options.batchSize, 2 * this.eagerSize);
    while (this.running.size >= this.inFlight) await Promise.race(this.running);
    this.throwIfFailed();
    const halves = this.halvesNearTheEnd(documents, tags);
    if (halves) {
      const [now, later] = halves;
      this.store(now.documents, now.tags);
      this.batch = later.documents;
      this.tags = later.tags;
      this.bytes = later.documents.reduce((sum, document) => sum + document.size, 0);
      return;
    }
    for (const part of this.parts(documents, tags)) this.store(part.documents, part.tags);
  }

  /**
   * With eagerBatch, near an import's end — fewer documents still to come than the batch holds — a batch of
   * twice that or more that finds one slot free and the other busy goes half now, and its other half
   * (sharing no agency name with it: split-by-agency.ts) stays the batch, for the next free slot. Such a
   * batch gathered while both were busy (145–231 of a 500-file import's files); sent whole, it was the last
   * the database worked on, alone on one backend for most of the import's end (BENCHMARKS.md "import17").
   * Not when documents were added while this batch waited for its slot: they were not checked against it.
   */
  private halvesNearTheEnd(documents: PreparedDocument[], tags: T[]): [Part<T>, Part<T>] | null {
    const eager = this.options.eagerBatch;
    const left = this.options.remaining?.();
    if (eager === undefined || left === undefined || this.batch.length > 0) return null;
    if (this.running.size !== this.inFlight - 1 || this.running.size === 0) return null;
    if (documents.length < 2 * eager || left >= documents.length) return null;
    const [first, second] = halvesByAgency(documents, tags);
    return first && second ? [first, second] : null;
  }

  /**
   * With eagerBatch, a batch of twice that or more while both slots are free goes as two halves at once
   * (one per core of the database, where one batch is a sequence on one backend) — halves that share no
   * agency name, so that neither waits for the other's locks or new agencies (split-by-agency.ts). Such a
   * batch gathered while both were busy; near the end of an import it was the last the database worked
   * on, alone on one backend. Otherwise the batch as it is.
   */
  private parts(documents: PreparedDocument[], tags: T[]): Part<T>[] {
    const eager = this.options.eagerBatch;
    if (eager === undefined || documents.length < 2 * eager || this.running.size > 0)
      return [{ documents, tags }];
    return halvesByAgency(documents, tags);
  }

  private store(documents: PreparedDocument[], tags: T[]): void {
    const stored = storeInBulk(this.db, documents, {
      summaries: this.summaries,
      summariesByDifference: this.byDifference,
      newTurn: () => this.newTurn(),
    }).then(
      (results) => this.options.onResults(results, tags),
      (error: unknown) => {
        this.failure ??= { error };
      },
    );
    const tracked = stored.finally(() => {
      this.running.delete(tracked);
      this.runningNames.delete(tracked);
      if (this.held.length > 0) this.released = true;
    });
    this.running.add(tracked);
    this.runningNames.set(tracked, new Set(documents.flatMap(agencyNames)));
  }

  /** The next turn: it starts when the one before has ended (or was never started). */
  private newTurn(): Turn {
    const before = this.turn;
    let end!: () => void;
    this.turn = new Promise<void>((resolve) => (end = resolve));
    return { start: () => before, end };
  }

  private throwIfFailed(): void {
    if (this.failure) throw this.failure.error;
  }
}
