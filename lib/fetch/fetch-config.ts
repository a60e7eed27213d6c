// The web importer's settings from the environment (zod over env, env passed in):
//   FETCH_ALLOW_HOSTS      host[:port], comma-separated: hosts fetched even though they resolve to internal
//                          addresses (an intranet report server; tests list their 127.0.0.1 server). A host
//                          without a port allows every port of it.
//   FETCH_TIMEOUT_SECONDS  one fetch, headers and body, at most this long (default 30)
//   MAX_UPLOAD_MB          the largest file fetched, as for uploads (lib/ingest/upload-limits.ts)
import { z } from "zod";
import type { EnvRecord } from "@/lib/db/database-url";
import { readMaxUploadBytes } from "@/lib/ingest/upload-limits";

export interface AllowedHost {
  host: string;
  /** null = every port */
  port: number | null;
}

export interface FetchConfig {
  allowHosts: readonly AllowedHost[];
  timeoutMs: number;
  maxBytes: number;
}

const HOST_ENTRY = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/i;

const fetchEnvSchema = z.object({
  FETCH_ALLOW_HOSTS: z
    .string()
    .default("")
    .transform((text, context) => {
      const entries = text
        .split(",")
        .map((entry) => entry.trim().toLowerCase())
        .filter(Boolean);
      const hosts: AllowedHost[] = [];
      for (const entry of entries) {
        const match = HOST_ENTRY.exec(entry);
        const port = match?.[2] === undefined ? null : Number(match[2]);
        if (!match || (port !== null && (port < 1 || port > 65535))) {
          context.addIssue({ code: "custom", message: `“${entry}” is not host[:port]` });
          return z.NEVER;
        }
        hosts.push({ host: match[1]!, port });
      }
      return hosts;
    }),
  FETCH_TIMEOUT_SECONDS: z.coerce.number().positive().max(600).default(30),
});

export function readFetchConfig(env: EnvRecord = process.env): FetchConfig {
  const parsed = fetchEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid fetch configuration: ${z.prettifyError(parsed.error)}`);
  return {
    allowHosts: parsed.data.FETCH_ALLOW_HOSTS,
    timeoutMs: parsed.data.FETCH_TIMEOUT_SECONDS * 1000,
    maxBytes: readMaxUploadBytes(env),
  };
}

/** Whether a URL's host (and port) is listed in FETCH_ALLOW_HOSTS. */
export function isAllowedHost(url: URL, allowHosts: readonly AllowedHost[]): boolean {
  const host = url.hostname.toLowerCase();
  const port = Number(url.port || (url.protocol === "https:" ? 443 : 80));
  return allowHosts.some((entry) => entry.host === host && (entry.port === null || entry.port === port));
}
