// Writes report files (report-files.ts) to a directory with a manifest, for processes that cannot load the
// reader's code themselves (Playwright's test runner, benchmarks' clients):
//   node --import tsx tests/helpers/write-report-files.ts <dir> '<json request>'
// request: { sets: [{ name, count, seed, offBy?, pdf?, html?, noAgency? }], bad?: true }
// manifest.json: [{ set, fileName, path, agency, asPrinted, year, template, cells, code? }]
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import {
  makeBadFiles,
  makeReportFiles,
  renderReportHtml,
  renderReportPdf,
  renderReportText,
} from "./report-files";

interface SetRequest {
  name: string;
  count: number;
  seed: number;
  offBy?: number;
  pdf?: boolean;
  html?: boolean;
  /** A title without the agency's name: the reader cannot tell whose report it is (needs_agency). */
  noAgency?: boolean;
}

async function main(): Promise<void> {
  const [dir, json] = process.argv.slice(2);
  if (!dir || !json) throw new Error("usage: write-report-files.ts <dir> '<json request>'");
  const request = JSON.parse(json) as { sets: SetRequest[]; bad?: boolean };
  mkdirSync(dir, { recursive: true });
  const manifest: Record<string, unknown>[] = [];
  for (const set of request.sets) {
    for (const file of makeReportFiles(set)) {
      const extension = set.pdf ? ".pdf" : set.html ? ".html" : ".txt";
      const fileName = file.fileName.replace(/\.txt$/, extension);
      const bytes = set.noAgency
        ? new TextEncoder().encode(renderReportText({ ...file, asPrinted: "" }, set.seed))
        : set.pdf
          ? await renderReportPdf(file)
          : set.html
            ? renderReportHtml(file)
            : file.bytes;
      writeFileSync(path.join(dir, fileName), bytes);
      const { bytes: _bytes, ...facts } = file;
      manifest.push({ ...facts, set: set.name, fileName, path: path.join(dir, fileName) });
    }
  }
  if (request.bad)
    for (const file of makeBadFiles()) {
      writeFileSync(path.join(dir, file.fileName), file.bytes);
      manifest.push({
        set: "bad",
        fileName: file.fileName,
        path: path.join(dir, file.fileName),
        code: file.code,
      });
    }
  writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
