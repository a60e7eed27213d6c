// Failures that reach one of the reader's catch-alls — an extraction library failing in a way it does not
// document, or a bug of ours. The file is still answered (CORRUPT_FILE) so one bad file never stops a batch, but
// the failure is not swallowed: listeners (tests asserting none happened, a worker pool's log) hear of each one.

export type UnexpectedErrorListener = (error: unknown, where: string) => void;

const listeners = new Set<UnexpectedErrorListener>();

/** Listen to catch-all failures; returns the function that stops listening. */
export function onUnexpectedError(listener: UnexpectedErrorListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function reportUnexpectedError(error: unknown, where: string): void {
  for (const listener of listeners) listener(error, where);
}
