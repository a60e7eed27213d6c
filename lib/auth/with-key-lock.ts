// Runs tasks for one key one after another within this process (first come, first served), so a burst
// against one key waits here in memory instead of holding database connections while it waits for the
// database's own lock. Keys with nothing running or waiting take no memory.
const tails = new Map<string, Promise<void>>();

export async function withKeyLock<T>(key: string, task: () => Promise<T>): Promise<T> {
  const previous = tails.get(key) ?? Promise.resolve();
  let release!: () => void;
  const done = new Promise<void>((resolve) => (release = resolve));
  const tail = previous.then(() => done);
  tails.set(key, tail);
  await previous;
  try {
    return await task();
  } finally {
    release();
    if (tails.get(key) === tail) tails.delete(key);
  }
}
