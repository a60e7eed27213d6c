// readReport for tests: the same answer, but a failure that reached a catch-all (answered as CORRUPT_FILE) makes
// the test fail with the real error, so "never throws" properties can fail and fast-check shrinks to the input.
import { readReport } from "@/lib/reader/read-report";
import { onUnexpectedError } from "@/lib/reader/unexpected-errors";
import type { ReadResult } from "@/lib/reader/types";

export async function readReportStrictly(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  const caught: string[] = [];
  const stop = onUnexpectedError((error, where) => {
    caught.push(`${where}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  });
  try {
    const result = await readReport(bytes, fileName);
    if (caught.length > 0) throw new Error(`readReport hit its catch-all:\n${caught.join("\n")}`);
    return result;
  } finally {
    stop();
  }
}
