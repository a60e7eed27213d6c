// npm run --silent parse -- <file>... — one JSON object per file per line (the CLI contract of issue 3).
// Exit status 0 even when a file is rejected; nothing but the JSON lines goes to stdout.
import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import { makeReadError } from "@/lib/reader/extract/read-error";
import { readReport } from "@/lib/reader/read-report";
import type { AgencyInfo, ReadResult } from "@/lib/reader/types";

const EMPTY_AGENCY: AgencyInfo = {
  name: null,
  as_printed: null,
  kind: null,
  province: null,
  city: null,
  county: null,
  town: null,
  department: null,
  parent: null,
};

function formatParseLine(file: string, result: ReadResult): string {
  if (!result.ok)
    return JSON.stringify({
      file,
      ok: false,
      error: result.error,
      agency: EMPTY_AGENCY,
      year: null,
      template: null,
      cells: {},
      findings: [],
    });
  const { agency } = result;
  return JSON.stringify({
    file,
    ok: true,
    agency: {
      name: agency.name,
      as_printed: agency.as_printed,
      kind: agency.kind,
      province: agency.province,
      city: agency.city,
      county: agency.county,
      town: agency.town,
      department: agency.department,
      parent: agency.parent,
    },
    year: result.year,
    template: result.template,
    cells: result.cells,
    findings: result.findings.map(({ code, severity, kind, cells, message }) => ({
      code,
      severity,
      kind,
      cells,
      message,
    })),
  });
}

async function main(files: readonly string[]): Promise<void> {
  for (const file of files) {
    let line: string;
    try {
      const bytes = new Uint8Array(await readFile(file));
      line = formatParseLine(basename(file), await readReport(bytes, basename(file)));
    } catch (error) {
      const message =
        error instanceof Error && "code" in error && error.code === "ENOENT"
          ? "文件不存在。"
          : "无法读取文件。";
      line = formatParseLine(basename(file), makeReadError("CORRUPT_FILE", null, message));
    }
    process.stdout.write(`${line}\n`);
  }
}

void main(process.argv.slice(2));
