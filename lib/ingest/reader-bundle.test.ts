// The reader threads load a bundle of reader-worker.ts (scripts/source-bundle.mjs), not the TypeScript through
// tsx: real threads of the pool must read, prepare and locate real files exactly as this thread's reader does
// from source, and the bundle must be built again whenever a source it was built from changes.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ensureReaderWorkerBundle } from "@/scripts/source-bundle.mjs";
import { prepareDocument } from "@/lib/ingest/prepare-document";
import { packPreparedDocument, unpackPreparedDocument } from "@/lib/ingest/prepare-in-thread";
import {
  closeReaderPool,
  locateInWorker,
  prepareInWorker,
  readerThreadModule,
  readInWorker,
} from "@/lib/ingest/reader-pool";
import { locateCells } from "@/lib/reader/locate/locate-cells";
import { readReport } from "@/lib/reader/read-report";
import { encodeText } from "@/lib/reader/testing/encode-text";
import { generateReport, seededRandom } from "@/lib/reader/testing/generate-report";
import { printReport } from "@/lib/reader/testing/render-text-rows";
import { renderTextLayout, TEXT_LAYOUTS } from "@/lib/reader/testing/render-text-layouts";
import { renderDocx } from "@/lib/reader/testing/render-docx";
import { setReaderPoolEnv } from "@/tests/helpers/reader-pool-seed";
import { markSourceChanged, readBundleInputs } from "@/tests/helpers/source-bundle-manifest";

const ROOT = path.join(import.meta.dirname, "..", "..");
const FIXTURES = path.join(ROOT, "lib/reader/fixtures");
// Inside node_modules, as the real cache: the bundle's imports of packages resolve from where it lies.
const cacheDir = mkdtempSync(path.join(ROOT, "node_modules", ".cache", "reader-bundle-test-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

setReaderPoolEnv({ READER_THREADS: "2" });

/** The seeds, the sample PDF, a GBK text and a UTF-8 one, a DOCX, and a file that is no report. */
async function realFiles(): Promise<{ name: string; bytes: Uint8Array }[]> {
  const files: { name: string; bytes: Uint8Array }[] = readdirSync(path.join(FIXTURES, "seeds")).map(
    (name) => ({
      name,
      bytes: new Uint8Array(readFileSync(path.join(FIXTURES, "seeds", name))),
    }),
  );
  files.push({
    name: "hongze_district_2024.pdf",
    bytes: new Uint8Array(readFileSync(path.join(FIXTURES, "samples/hongze_district_2024.pdf"))),
  });
  for (const [index, encoding] of (["gbk", "utf-8"] as const).entries()) {
    const random = seededRandom(900 + index);
    const options = { misspell: true, spaced: true, halfWidth: index === 0, blanks: new Set<string>() };
    const layout = TEXT_LAYOUTS[index % TEXT_LAYOUTS.length]!;
    const text = renderTextLayout(printReport(generateReport(random), options, random), layout, random, true);
    files.push({
      name: `${layout}-${encoding}.txt`,
      bytes: encoding === "gbk" ? encodeText(text, "gbk") : new TextEncoder().encode(text),
    });
  }
  files.push({ name: "r.docx", bytes: await renderDocx(generateReport(seededRandom(950))) });
  files.push({ name: "package.json", bytes: new Uint8Array(readFileSync(path.join(ROOT, "package.json"))) });
  return files;
}

describe("the reader threads' bundle", () => {
  it("reads, prepares and locates real files in the pool's threads exactly as the reader does here", async () => {
    const files = await realFiles();
    for (const { name, bytes } of files) {
      const inThisThread = await readReport(bytes, name);
      const fromThread = await readInWorker(bytes, name);
      // Every report read (not two sides failing alike); the file that is none rejected.
      expect(fromThread.ok, name).toBe(name !== "package.json");
      expect(fromThread, name).toEqual(inThisThread);

      const sha256 = createHash("sha256").update(bytes).digest("hex");
      const input = { bytes, fileName: name, sha256, uploadedById: null };
      const prepared = await prepareInWorker(input);
      const expected = unpackPreparedDocument(
        packPreparedDocument(prepareDocument(input, inThisThread, sha256)),
        bytes,
      );
      expect({ ...prepared, lines: prepared.copyLines }, name).toEqual({
        ...expected,
        lines: expected.copyLines,
      });

      expect(await locateInWorker(bytes, name), name).toEqual(await locateCells(bytes, name));
    }
    // …in threads that loaded the bundle, not the TypeScript through tsx.
    expect(readerThreadModule()).toBe("bundle");
    await closeReaderPool();
    expect(readerThreadModule()).toBe(null);
  }, 180_000);

  it("is built on first use, kept while its sources are unchanged, and built again when one changes", async () => {
    const first = await ensureReaderWorkerBundle({ cacheDir });
    expect(first).toEqual({ file: path.join(cacheDir, "reader-worker.mjs"), built: true });
    expect(await ensureReaderWorkerBundle({ cacheDir })).toEqual({ file: first.file, built: false });
    // The manifest on the bundle's first line names every source it was built from, with its content's hash.
    expect(Object.keys(readBundleInputs(first.file))).toEqual(
      expect.arrayContaining([
        "lib/ingest/reader-worker.ts",
        "lib/ingest/prepare-in-thread.ts",
        "lib/reader/read-report.ts",
        "lib/reader/template/cells.json",
        "tsconfig.json",
        "scripts/source-bundle.mjs",
      ]),
    );
    // A source whose content differs from the one bundled (its recorded hash stands for the old content).
    markSourceChanged(first.file, "lib/ingest/prepare-in-thread.ts");
    expect(await ensureReaderWorkerBundle({ cacheDir })).toEqual({ file: first.file, built: true });
    expect(await ensureReaderWorkerBundle({ cacheDir })).toEqual({ file: first.file, built: false });
  }, 60_000);
});
