// LibreOffice's conversions are limited in time and leave nothing behind: a run that takes too long is killed
// (its whole process group), the caller gets the clear “timed out” answer, and the private temporary folder (the
// files and LibreOffice's profile) is removed — after a timeout as after a conversion. Needs LibreOffice (CI
// installs it); skipped, saying so, without.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { convertWithLibreOffice, findLibreOffice } from "./convert-with-libreoffice";
import { extractLegacyDoc } from "./extract-legacy-doc";

const libreOffice = findLibreOffice();
/** LibreOffice takes a second or more just to start: this limit is always exceeded. */
const TINY_LIMIT_MS = 300;

/** Processes whose command line names `dir` (LibreOffice runs with its profile and files there). */
function processesUsing(dir: string): number[] {
  return readdirSync("/proc").flatMap((entry) => {
    if (!/^\d+$/.test(entry)) return [];
    try {
      return readFileSync(`/proc/${entry}/cmdline`, "utf8").includes(dir) ? [Number(entry)] : [];
    } catch {
      return []; // exited meanwhile
    }
  });
}

/** SIGKILL is delivered asynchronously: give the killed processes a moment to be gone. */
async function waitUntilGone(dir: string): Promise<number[]> {
  for (let attempt = 0; attempt < 40; attempt++) {
    const left = processesUsing(dir);
    if (left.length === 0) return left;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return processesUsing(dir);
}

describe("a conversion that hangs (a stand-in for LibreOffice: a launcher that starts the office process)", () => {
  let parent = "";
  const savedTmpdir = process.env.TMPDIR;
  beforeEach(() => {
    parent = mkdtempSync(path.join(tmpdir(), "nianbao-conversion-test-"));
  });
  afterEach(() => {
    if (savedTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmpdir;
    rmSync(parent, { recursive: true, force: true });
  });

  it("is killed at its limit with the process it started, and leaves no temporary folder", async () => {
    // Like soffice, the launcher starts the office process with the same arguments (the temporary profile's
    // path among them) and waits for it; neither ever finishes by itself.
    const bin = mkdtempSync(path.join(parent, "bin-"));
    const launcher = path.join(bin, "soffice");
    writeFileSync(launcher, `#!/bin/sh\nsh -c 'sleep 600; : "$@"' office "$@" &\nwait\n`);
    chmodSync(launcher, 0o755);
    const work = mkdtempSync(path.join(parent, "tmp-"));
    process.env.TMPDIR = work;
    const conversion = await convertWithLibreOffice({
      libreOffice: launcher,
      files: [{ name: "report.doc", bytes: new Uint8Array(16) }],
      format: "docx",
      timeoutMs: TINY_LIMIT_MS,
    });
    expect(conversion).toEqual({ files: new Map(), timedOut: true });
    expect(await waitUntilGone(work)).toEqual([]);
    expect(readdirSync(work)).toEqual([]);
  });
});

describe.skipIf(!libreOffice)(
  `LibreOffice conversions: time limit and temporary folder${libreOffice ? "" : " — skipped: LibreOffice (soffice) not installed; apt-get install libreoffice-writer-nogui"}`,
  () => {
    // Each test's conversions make their temporary folders in a folder of the test's own (os.tmpdir() reads
    // TMPDIR), so that other processes' conversions on the machine cannot be mistaken for leftovers.
    let parent = "";
    const savedTmpdir = process.env.TMPDIR;
    beforeEach(() => {
      parent = mkdtempSync(path.join(tmpdir(), "nianbao-conversion-test-"));
      process.env.TMPDIR = parent;
    });
    afterEach(() => {
      if (savedTmpdir === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = savedTmpdir;
      rmSync(parent, { recursive: true, force: true });
    });

    it("kills a conversion that exceeds its limit, says it timed out, and leaves no temporary folder", async () => {
      const started = performance.now();
      const conversion = await convertWithLibreOffice({
        libreOffice: libreOffice!,
        files: [{ name: "report.txt", bytes: new TextEncoder().encode("政府信息公开工作年度报告") }],
        format: "docx",
        timeoutMs: TINY_LIMIT_MS,
      });
      expect(conversion).toEqual({ files: new Map(), timedOut: true });
      // Killed at the limit, not left to finish (a conversion takes seconds here).
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(await waitUntilGone(parent)).toEqual([]);
      expect(readdirSync(parent)).toEqual([]);
    });

    it("answers a .doc whose conversion times out with the clear message, not a crash or a hang", async () => {
      const bytes = new Uint8Array(2048);
      bytes.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
      const result = await extractLegacyDoc(bytes, { libreOffice, timeoutMs: TINY_LIMIT_MS });
      expect(result).toMatchObject({ ok: false, error: { code: "CORRUPT_FILE" } });
      expect("error" in result && result.error.message).toContain("超时");
      expect(await waitUntilGone(parent)).toEqual([]);
      expect(readdirSync(parent)).toEqual([]);
    });

    it("removes the temporary folder after a conversion that succeeds", async () => {
      const conversion = await convertWithLibreOffice({
        libreOffice: libreOffice!,
        files: [{ name: "report.txt", bytes: new TextEncoder().encode("政府信息公开工作年度报告") }],
        format: "docx",
      });
      expect(conversion.timedOut).toBe(false);
      expect([...conversion.files.keys()]).toEqual(["report.docx"]);
      expect(readdirSync(parent)).toEqual([]);
      expect(processesUsing(parent)).toEqual([]);
    }, 90_000);
  },
);
