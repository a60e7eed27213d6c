// The memory settings of the production Next server that scripts/start.ts spawns (issue 17: a million-row
// export with the server under 300 MB resident). Measured with `npm run bench:export` (BENCHMARKS.md); without
// them the server idled at ~290 MB once signed in and peaked at ~320 MB during the export, of which the export
// itself was ~10–30 MB:
// - MALLOC_ARENA_MAX=2: glibc gives each thread that allocates (libuv's pool runs argon2, zlib, file reads) an
//   arena of its own, up to 8 per core, and memory freed in an arena stays with it.
// - MALLOC_MMAP_THRESHOLD_=131072: a fixed threshold. glibc's default one rises to the largest block freed so
//   far — after one argon2id hash (19 MiB) every later block below that size comes from an arena and stays
//   resident when freed; above the threshold a block is its own mapping, returned to the system when freed.
// - --max-old-space-size=1024 (MB): a ceiling far above the server's own ~100 MB of live heap, low enough that V8
//   grows the heap in smaller steps than it does under the default (~4 GB on this machine's 24 GB).
// Not set: --max-semi-space-size=2 saved another ~20 MB but measured ~20–45 % more server CPU per 排名 page (the
// young generation is where a page render's garbage dies).
// An operator's own NODE_OPTIONS come after these (V8 takes the last value of a flag) and MALLOC_* already in
// the environment are kept, so a larger machine can raise any of them without editing code.
import type { EnvRecord } from "@/lib/db/database-url";

export const SERVER_V8_FLAGS = ["--max-old-space-size=1024"] as const;

export const SERVER_MALLOC_ENV = { MALLOC_ARENA_MAX: "2", MALLOC_MMAP_THRESHOLD_: "131072" } as const;

/** The variables to add to the server's environment: NODE_OPTIONS with our flags first, glibc's unless set. */
export function buildServerMemoryEnv(env: EnvRecord): Record<string, string> {
  const operatorOptions = env.NODE_OPTIONS?.trim();
  const memoryEnv: Record<string, string> = {
    NODE_OPTIONS: [...SERVER_V8_FLAGS, ...(operatorOptions ? [operatorOptions] : [])].join(" "),
  };
  for (const [name, value] of Object.entries(SERVER_MALLOC_ENV)) memoryEnv[name] = env[name] || value;
  return memoryEnv;
}
