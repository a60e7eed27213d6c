// Types of scripts/parse-bundle.mjs (plain JavaScript: it runs before anything can compile TypeScript).

export declare const DEFAULT_CACHE_DIR: string;

/** The path of an up-to-date bundle of the parse command; `built`: it was built by this call. */
export declare function ensureParseBundle(options?: {
  cacheDir?: string;
}): Promise<{ file: string; built: boolean }>;
