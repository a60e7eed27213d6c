// Many calls for one key become few writes: while a write for the key is in flight, further calls join one
// batch that is written (with its count) as soon as that write ends. Each call resolves once the write
// that includes it is done, so nothing is lost and a caller can rely on its own increment being stored.
// A burst of 400 refusals of one locked account costs a handful of UPDATEs, not 400 contending for a row.
type Batch = { count: number; written: Promise<void> };

export type Coalescer = (key: string, write: (count: number) => Promise<void>) => Promise<void>;

export function createCoalescer(): Coalescer {
  const open = new Map<string, Batch>();
  const inFlight = new Map<string, Promise<void>>();

  return (key, write) => {
    const joined = open.get(key);
    if (joined) {
      joined.count += 1;
      return joined.written;
    }
    const batch: Batch = { count: 1, written: Promise.resolve() };
    open.set(key, batch);
    const previous = inFlight.get(key) ?? Promise.resolve();
    batch.written = previous
      .catch(() => undefined)
      .then(() => {
        // From here on, new calls start the next batch.
        open.delete(key);
        return write(batch.count);
      });
    inFlight.set(key, batch.written);
    void batch.written
      .catch(() => undefined)
      .finally(() => {
        if (inFlight.get(key) === batch.written) inFlight.delete(key);
      });
    return batch.written;
  };
}
