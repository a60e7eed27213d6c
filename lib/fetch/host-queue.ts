// Politeness: one request at a time per host. Each host has a chain of promises; a request waits for the
// one before it to finish (or fail) before it starts. In-process, which is where fetching happens.
//   const response = await runPerHost(url.hostname, () => request(url));
const chains = new Map<string, Promise<unknown>>();

export async function runPerHost<T>(host: string, work: () => Promise<T>): Promise<T> {
  const key = host.toLowerCase();
  const previous = chains.get(key) ?? Promise.resolve();
  const current = previous.catch(() => undefined).then(work);
  chains.set(key, current);
  try {
    return await current;
  } finally {
    // The last one out removes the chain, so the map holds only hosts with requests under way.
    if (chains.get(key) === current) chains.delete(key);
  }
}
