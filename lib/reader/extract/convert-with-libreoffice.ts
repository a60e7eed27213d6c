// LibreOffice, when installed, converts what the reader cannot read itself (legacy Word .doc and WPS files →
// .docx); the tests also print PDFs with it. Each run is headless, in a private temporary directory with a
// profile of its own (conversions run side by side and never touch anyone's LibreOffice settings), limited in
// time (the whole process group is killed), and the directory is removed afterwards.
import { spawn } from "node:child_process";
import { accessSync, constants } from "node:fs";
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

export interface FileToConvert {
  /** A plain file name (no folders); the converted file keeps its stem. */
  name: string;
  bytes: Uint8Array;
}

export interface Conversion {
  /** Converted files by name (stem + the new extension); a file LibreOffice could not convert is missing. */
  files: Map<string, Uint8Array>;
  timedOut: boolean;
}

/** A conversion of one report takes a few seconds; a minute means LibreOffice is stuck. */
export const CONVERSION_TIMEOUT_MS = 60_000;
/** Each LibreOffice process takes a few hundred MB: bulk uploads of .doc files wait their turn. */
const MAX_PARALLEL = 2;
const COMMON_PATHS = [
  "/usr/bin/soffice",
  "/usr/bin/libreoffice",
  "/usr/local/bin/soffice",
  "/usr/lib/libreoffice/program/soffice",
  "/opt/libreoffice/program/soffice",
  "/snap/bin/libreoffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
];

let found: string | null | undefined;

/** The LibreOffice executable (on PATH or where packages install it), or null when it is not installed. */
export function findLibreOffice(): string | null {
  if (found !== undefined) return found;
  const onPath = (process.env.PATH ?? "")
    .split(path.delimiter)
    .filter((dir) => dir !== "")
    .flatMap((dir) => [path.join(dir, "soffice"), path.join(dir, "libreoffice")]);
  found = [...onPath, ...COMMON_PATHS].find(isExecutable) ?? null;
  return found;
}

let running = 0;
const waiting: (() => void)[] = [];

export interface ConversionRequest {
  /** The LibreOffice executable (findLibreOffice()). */
  libreOffice: string;
  files: readonly FileToConvert[];
  /** The target, e.g. "docx", "pdf" or "doc". */
  format: string;
  timeoutMs?: number;
}

/** Convert files in one LibreOffice run (one start-up for the whole batch). */
export async function convertWithLibreOffice({
  libreOffice,
  files,
  format,
  timeoutMs = CONVERSION_TIMEOUT_MS,
}: ConversionRequest): Promise<Conversion> {
  while (running >= MAX_PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  const dir = await mkdtemp(path.join(tmpdir(), "nianbao-soffice-"));
  try {
    const input = path.join(dir, "in");
    const output = path.join(dir, "out");
    const scratch = path.join(dir, "tmp");
    await mkdir(input);
    await mkdir(output);
    await mkdir(scratch);
    for (const file of files) await writeFile(path.join(input, path.basename(file.name)), file.bytes);
    const timedOut = await runLibreOffice(
      libreOffice,
      [
        "--headless",
        "--norestore",
        "--nolockcheck",
        `-env:UserInstallation=${pathToFileURL(path.join(dir, "profile")).href}`,
        "--convert-to",
        format,
        "--outdir",
        output,
        ...files.map((file) => path.join(input, path.basename(file.name))),
      ],
      timeoutMs,
      scratch,
    );
    const converted = new Map<string, Uint8Array>();
    for (const name of await readdir(output))
      converted.set(name, new Uint8Array(await readFile(path.join(output, name))));
    return { files: converted, timedOut };
  } finally {
    await rm(dir, { recursive: true, force: true });
    running--;
    waiting.shift()?.();
  }
}

/** Resolves true when the run was killed for taking too long. */
function runLibreOffice(
  soffice: string,
  args: string[],
  timeoutMs: number,
  scratch: string,
): Promise<boolean> {
  return new Promise((resolve) => {
    // Its own process group, so the launcher and the office process it starts are killed together. Its own
    // temporary files (lu*.tmp) go to the private folder too: LibreOffice makes them in TMPDIR and, killed at
    // the time limit, never removes them — they were left in the system's temporary folder.
    const child = spawn(soffice, args, {
      detached: true,
      stdio: "ignore",
      env: { ...process.env, TMPDIR: scratch, TMP: scratch, TEMP: scratch },
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        if (child.pid) process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve(timedOut);
    };
    child.once("error", done);
    child.once("exit", done);
  });
}

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
