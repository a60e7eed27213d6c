// The files under the given paths, depth first, one at a time (a streamed directory walk: tens of thousands
// of files never sit in memory as a list). Hidden files and folders (.git, .DS_Store) are skipped; a path
// that cannot be read is yielded as an error for the caller to report.
import { opendir, stat } from "node:fs/promises";
import path from "node:path";

export type WalkEntry = { path: string; error?: undefined } | { path: string; error: string };

export async function* walkFiles(paths: readonly string[]): AsyncGenerator<WalkEntry> {
  for (const given of paths) {
    const info = await stat(given).catch(() => null);
    if (!info) yield { path: given, error: "路径不存在或无法读取" };
    else if (info.isDirectory()) yield* walkDirectory(given);
    else if (info.isFile()) yield { path: given };
    else yield { path: given, error: "不是普通文件" };
  }
}

/** How many files walkFiles would give for `paths`, counting no further than `upTo` (a cheap look ahead). */
export async function countFiles(paths: readonly string[], { upTo }: { upTo: number }): Promise<number> {
  let count = 0;
  for await (const entry of walkFiles(paths)) {
    if (!entry.error) count++;
    if (count >= upTo) break;
  }
  return count;
}

async function* walkDirectory(dir: string): AsyncGenerator<WalkEntry> {
  let handle;
  try {
    handle = await opendir(dir);
  } catch {
    yield { path: dir, error: "无法打开目录" };
    return;
  }
  // Sorted within each directory, so an import's order (and version numbers) does not depend on the disk.
  const entries: { name: string; isDirectory: boolean; isFile: boolean }[] = [];
  for await (const entry of handle) {
    if (entry.name.startsWith(".")) continue;
    entries.push({ name: entry.name, isDirectory: entry.isDirectory(), isFile: entry.isFile() });
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory) yield* walkDirectory(full);
    else if (entry.isFile) yield { path: full };
  }
}
