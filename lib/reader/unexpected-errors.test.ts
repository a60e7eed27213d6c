// The catch-alls are observable: a failure inside the reader is answered CORRUPT_FILE (a batch goes on) and
// reaches every listener, which is what lets the "never throws" property tests fail.
import { describe, expect, it } from "vitest";
import { readReport } from "./read-report";
import { readReportStrictly } from "./testing/read-report-strictly";
import { onUnexpectedError } from "./unexpected-errors";

/** Bytes that fail as soon as the reader looks at them: a stand-in for a bug anywhere inside it. */
function failingBytes(): Uint8Array {
  return new Proxy(new Uint8Array(64), {
    get(target, key) {
      if (key === "length") throw new Error("bytes unreadable");
      return Reflect.get(target, key) as unknown;
    },
  });
}

describe("a failure that reaches a catch-all", () => {
  it("is answered CORRUPT_FILE and reported to the listeners until they stop listening", async () => {
    const heard: string[] = [];
    const stop = onUnexpectedError((error, where) => heard.push(`${where}: ${(error as Error).message}`));
    const result = await readReport(failingBytes(), "report.txt");
    stop();
    await readReport(failingBytes(), "report.txt");
    expect(result).toMatchObject({ ok: false, error: { code: "CORRUPT_FILE" } });
    expect(heard).toEqual(["extractDocument: bytes unreadable"]);
  });

  it("fails a test that reads strictly", async () => {
    await expect(readReportStrictly(failingBytes(), "report.txt")).rejects.toThrow(/catch-all/);
  });
});
