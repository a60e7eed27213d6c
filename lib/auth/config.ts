// Auth settings from the environment, parsed once with zod. Every knob has a safe default so a fresh clone
// runs without any of them; README "Configuration" lists them.
import { availableParallelism } from "node:os";
import { z } from "zod";
import { parseProxyList } from "./client-ip";

const blankAsUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const integer = (options: { min: number; max: number; fallback: number }) =>
  z.preprocess(
    blankAsUndefined,
    z.coerce.number().int().min(options.min).max(options.max).default(options.fallback),
  );

const minutes = (fallback: number) => integer({ min: 1, max: 24 * 60, fallback });

const authEnvSchema = z.object({
  /** The public URL people open (https://… behind a TLS proxy). Unset: whatever host the request names. */
  BETTER_AUTH_URL: z.preprocess(blankAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  BETTER_AUTH_SECRET: z.preprocess(
    blankAsUndefined,
    z.string().min(32, "BETTER_AUTH_SECRET 至少 32 个字符").optional(),
  ),
  /** Restricts the host names (host[:port], * wildcards) the app answers to when BETTER_AUTH_URL is unset. */
  AUTH_ALLOWED_HOSTS: z.preprocess(blankAsUndefined, z.string().optional()),
  /** Reverse proxies (addresses or CIDR ranges) whose X-Forwarded-For / X-Forwarded-Proto are believed. */
  TRUSTED_PROXIES: z.preprocess(
    blankAsUndefined,
    z
      .string()
      .optional()
      .transform((text, ctx) => {
        try {
          return parseProxyList(text ?? "");
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
          return z.NEVER;
        }
      }),
  ),
  LOGIN_MAX_FAILURES: integer({ min: 1, max: 1000, fallback: 5 }),
  LOGIN_MAX_FAILURES_PER_IP: integer({ min: 1, max: 10_000, fallback: 20 }),
  LOGIN_WINDOW_MINUTES: minutes(15),
  LOGIN_LOCK_MINUTES: minutes(15),
  /** Failed and refused sign-ins in the audit log: kept this many days, and at most this many rows. */
  AUDIT_SIGN_IN_RETENTION_DAYS: integer({ min: 1, max: 3650, fallback: 90 }),
  AUDIT_SIGN_IN_MAX_ROWS: integer({ min: 1000, max: 100_000_000, fallback: 200_000 }),
  /** argon2id runs at once (each ≈ 19 MiB and one core for ~50 ms), and how many may wait for a turn. */
  PASSWORD_HASH_CONCURRENCY: integer({ min: 1, max: 64, fallback: Math.min(availableParallelism(), 8) }),
  PASSWORD_HASH_QUEUE: integer({ min: 0, max: 10_000, fallback: 32 }),
});

export type AuthConfig = {
  baseUrl: string | undefined;
  secret: string | undefined;
  allowedHosts: string[];
  secureCookies: boolean;
  /** Addresses and CIDR ranges of the reverse proxies in front of the app; empty = none is trusted. */
  trustedProxies: string[];
  lockout: {
    maxFailures: number;
    maxFailuresPerIp: number;
    windowMs: number;
    lockMs: number;
  };
  audit: {
    /** login_failed / login_locked entries older than this are pruned… */
    signInRetentionMs: number;
    /** …and only this many of the newest are kept. */
    signInMaxRows: number;
  };
  passwordHashing: PasswordHashingConfig;
};

export type PasswordHashingConfig = { concurrency: number; maxQueued: number };

const LOOPBACK_HOSTS = ["localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*", "[::1]", "[::1]:*"];

function parseAuthEnv(env: Record<string, string | undefined>) {
  const parsed = authEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid auth configuration: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function readAuthConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  const e = parseAuthEnv(env);
  const extraHosts = (e.AUTH_ALLOWED_HOSTS ?? "")
    .split(",")
    .map((host) => host.trim())
    .filter(Boolean);
  return {
    baseUrl: e.BETTER_AUTH_URL?.replace(/\/+$/, ""),
    secret: e.BETTER_AUTH_SECRET,
    // Empty: any host, each request trusting only its own origin (see create-auth.ts).
    allowedHosts: extraHosts.length > 0 ? [...LOOPBACK_HOSTS, ...extraHosts] : [],
    // Secure cookies need HTTPS; without a configured https URL we are on plain-HTTP localhost.
    secureCookies: e.BETTER_AUTH_URL?.startsWith("https://") ?? false,
    trustedProxies: e.TRUSTED_PROXIES,
    lockout: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMs: e.LOGIN_WINDOW_MINUTES * 60_000,
      lockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    },
    audit: {
      signInRetentionMs: e.AUDIT_SIGN_IN_RETENTION_DAYS * 24 * 60 * 60_000,
      signInMaxRows: e.AUDIT_SIGN_IN_MAX_ROWS,
    },
    passwordHashing: { concurrency: e.PASSWORD_HASH_CONCURRENCY, maxQueued: e.PASSWORD_HASH_QUEUE },
  };
}

/** Only the argon2 limits, for password.ts (used by scripts and tests that need no other auth setting). */
export function readPasswordHashingConfig(
  env: Record<string, string | undefined> = process.env,
): PasswordHashingConfig {
  return readAuthConfig(env).passwordHashing;
}
