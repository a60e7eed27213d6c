// The import's walk over real files in a temporary folder: depth first, sorted, hidden entries skipped, a
// missing path reported; countFiles counts what the walk gives and stops at its limit.
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countFiles, walkFiles } from "./walk-files";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), "walk-files-"));
  await mkdir(path.join(root, "b", "deeper"), { recursive: true });
  await mkdir(path.join(root, ".hidden"));
  for (const file of ["c.txt", "a.txt", ".DS_Store", "b/x.txt", "b/deeper/y.txt", ".hidden/z.txt"])
    await writeFile(path.join(root, file), "text");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("walkFiles", () => {
  it("gives the files depth first in name order, skipping hidden ones, and reports a missing path", async () => {
    const entries = [];
    for await (const entry of walkFiles([root, path.join(root, "missing")])) entries.push(entry);
    expect(entries).toEqual([
      { path: path.join(root, "a.txt") },
      { path: path.join(root, "b", "deeper", "y.txt") },
      { path: path.join(root, "b", "x.txt") },
      { path: path.join(root, "c.txt") },
      { path: path.join(root, "missing"), error: "路径不存在或无法读取" },
    ]);
  });
});

describe("countFiles", () => {
  it.each([
    { upTo: 100, expected: 4 },
    { upTo: 4, expected: 4 },
    { upTo: 2, expected: 2 },
  ])("counts the readable files, no further than $upTo", async ({ upTo, expected }) => {
    expect(await countFiles([root, path.join(root, "missing")], { upTo })).toBe(expected);
  });
});
