// Auth settings from the environment, parsed once with zod. Every knob has a safe default so a fresh clone
// runs without any of them; README "Configuration" lists them.
import { z } from "zod";

const blankAsUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

const minutes = (fallback: number) =>
  z.preprocess(
    blankAsUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(24 * 60)
      .default(fallback),
  );

const authEnvSchema = z.object({
  /** The public URL people open (https://… behind a TLS proxy). Unset: whatever host the request names. */
  BETTER_AUTH_URL: z.preprocess(blankAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  BETTER_AUTH_SECRET: z.preprocess(
    blankAsUndefined,
    z.string().min(32, "BETTER_AUTH_SECRET 至少 32 个字符").optional(),
  ),
  /** Restricts the host names (host[:port], * wildcards) the app answers to when BETTER_AUTH_URL is unset. */
  AUTH_ALLOWED_HOSTS: z.preprocess(blankAsUndefined, z.string().optional()),
  LOGIN_MAX_FAILURES: z.preprocess(blankAsUndefined, z.coerce.number().int().min(1).max(1000).default(5)),
  LOGIN_MAX_FAILURES_PER_IP: z.preprocess(
    blankAsUndefined,
    z.coerce.number().int().min(1).max(10_000).default(20),
  ),
  LOGIN_WINDOW_MINUTES: minutes(15),
  LOGIN_LOCK_MINUTES: minutes(15),
});

export type AuthConfig = {
  baseUrl: string | undefined;
  secret: string | undefined;
  allowedHosts: string[];
  secureCookies: boolean;
  lockout: {
    maxFailures: number;
    maxFailuresPerIp: number;
    windowMs: number;
    lockMs: number;
  };
};

const LOOPBACK_HOSTS = ["localhost", "localhost:*", "127.0.0.1", "127.0.0.1:*", "[::1]", "[::1]:*"];

export function readAuthConfig(env: Record<string, string | undefined> = process.env): AuthConfig {
  const parsed = authEnvSchema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid auth configuration: ${z.prettifyError(parsed.error)}`);
  const e = parsed.data;
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
    lockout: {
      maxFailures: e.LOGIN_MAX_FAILURES,
      maxFailuresPerIp: e.LOGIN_MAX_FAILURES_PER_IP,
      windowMs: e.LOGIN_WINDOW_MINUTES * 60_000,
      lockMs: e.LOGIN_LOCK_MINUTES * 60_000,
    },
  };
}
