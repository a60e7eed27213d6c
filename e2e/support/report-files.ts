// Report files for the journeys, written by tests/helpers/write-report-files.ts in a child process (the
// reader's code does not load inside Playwright's runner): synthetic agencies' reports as text or PDF,
// optionally with a 勾稽 error, and the bad files the reader refuses.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";

export interface FileSet {
  name: string;
  count: number;
  seed: number;
  offBy?: number;
  pdf?: boolean;
  noAgency?: boolean;
}

export interface E2eFile {
  set: string;
  fileName: string;
  agency?: string;
  year?: number;
  cells?: Record<string, number | null>;
  code?: string;
  buffer: Buffer;
}

export function writeReportFiles(request: { sets: FileSet[]; bad?: boolean }): E2eFile[] {
  const dir = path.join(process.cwd(), ".test-data", "e2e-files", randomBytes(4).toString("hex"));
  execFileSync(
    process.execPath,
    ["--import", "tsx", "tests/helpers/write-report-files.ts", dir, JSON.stringify(request)],
    {
      stdio: "inherit",
    },
  );
  const manifest = JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as (E2eFile & {
    path: string;
  })[];
  return manifest.map(({ path: file, ...facts }) => ({ ...facts, buffer: readFileSync(file) }));
}
