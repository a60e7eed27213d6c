// Types of scripts/source-bundle.mjs (plain JavaScript: it runs before anything can compile TypeScript).

export declare const DEFAULT_CACHE_DIR: string;

/** Each bundle's name and the entry it is built from. */
export declare const ENTRIES: { parse: string; "reader-worker": string };

/** The path of an up-to-date bundle of an entry; `built`: it was built by this call. */
export declare function ensureBundle(
  name: keyof typeof ENTRIES,
  options?: { cacheDir?: string },
): Promise<{ file: string; built: boolean }>;

/** The parse command's bundle (scripts/parse.ts). */
export declare function ensureParseBundle(options?: {
  cacheDir?: string;
}): Promise<{ file: string; built: boolean }>;

/** The reader threads' bundle (lib/ingest/reader-worker.ts). */
export declare function ensureReaderWorkerBundle(options?: {
  cacheDir?: string;
}): Promise<{ file: string; built: boolean }>;
