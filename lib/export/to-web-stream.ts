// A Node stream as the body of a Response, pulled one chunk at a time (nothing is read from the database
// before the client asks for it) and destroyed when the client cancels — which is how a disconnect reaches
// the export and stops its query.
import type { Readable } from "node:stream";

export function toWebStream(stream: Readable): ReadableStream<Uint8Array> {
  const chunks = stream[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { value, done } = await chunks.next();
          if (done) controller.close();
          else controller.enqueue(value instanceof Uint8Array ? value : Buffer.from(value as string));
        } catch (error) {
          controller.error(error);
        }
      },
      cancel() {
        stream.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}
