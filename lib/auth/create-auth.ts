// Builds the better-auth instance: email + password, sessions in PostgreSQL through the one Prisma client,
// argon2id hashes, lockout and audit hooks around sign-in and sign-out. lib/auth/auth.ts makes the app's
// instance; integration tests build one on their own database.
//
// A sign-in runs: parseSignInInput (over-long or malformed input refused before any write) → reserve an
// attempt (login-attempts.ts: refused while the account or address is locked, or while the account has a
// check in flight) → better-auth checks the password (argon2id through the process-wide limiter) → the
// reservation is settled and audited. A deactivated account answers exactly like a wrong password.
import { betterAuth, type BetterAuthPlugin } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import { AppError, isAppError } from "@/lib/api/app-error";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { pruneSignInAudit, recordAudit } from "./audit";
import { getAuthSecret } from "./auth-secret";
import { createProxyTrust, getClientIp, toLockoutKey } from "./client-ip";
import type { AuthConfig } from "./config";
import { minutesUntil } from "./lockout-policy";
import { createLockMemory, reserveLoginAttempt, settleLoginAttempt, type LockMemory } from "./login-attempts";
import { LOGIN_LOCKED, LOGIN_THROTTLED, lockedMessage } from "./login-messages";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from "./password";
import { recordLoginRefusal } from "./record-login-refusal";
import { forgetUserSessions } from "./session-cache";
import { parseSignInInput } from "./sign-in-input";
import { toStoredEmail } from "./to-stored-email";

const SIGN_IN = "/sign-in/email";
const SIGN_OUT = "/sign-out";
const PRUNE_AUDIT_EVERY_MS = 10 * 60_000;

/** What a wrong password answers — and so, word for word, a deactivated account with the right one. */
const INVALID_CREDENTIALS = { message: "Invalid email or password", code: "INVALID_EMAIL_OR_PASSWORD" };

export function createAuth(options: {
  db: PrismaClient;
  config: AuthConfig;
  plugins?: BetterAuthPlugin[];
  /** Locks seen by this process (shared by the app's instances and its password form). */
  lockMemory?: LockMemory;
}) {
  const { db, config } = options;
  const lockMemory = options.lockMemory ?? createLockMemory();
  const trust = createProxyTrust(config.trustedProxies);
  let auditPrunedAt = 0;

  return betterAuth({
    appName: "年报 Dashboard",
    baseURL: resolveBaseUrl(config),
    // Without a fixed base, the request's own origin (as the browser addressed it) is the trusted one.
    ...(config.baseUrl || config.allowedHosts.length > 0 ? {} : { trustedOrigins: ownOrigins }),
    secret: getAuthSecret({ configured: config.secret }),
    database: prismaAdapter(db, { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true, // accounts are created by admins (/admin/users, npm run admin)
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
      password: { hash: busyAsApiError(hashPassword), verify: busyAsApiError(verifyPassword) },
      revokeSessionsOnPasswordReset: true,
    },
    user: {
      additionalFields: {
        role: { type: "string", required: true, input: false },
        canExport: { type: "boolean", required: false, defaultValue: false, input: false },
        regions: { type: "string[]", required: false, input: false },
        active: { type: "boolean", required: false, defaultValue: true, input: false },
      },
    },
    // Short sessions, slid forward while in use; no better-auth cookie cache (it would trust the cookie for
    // minutes). Our own session cache (session-cache.ts) keeps a lookup 5 s and is cleared at once in this
    // process on sign-out, deactivation, role and password changes.
    session: { expiresIn: 12 * 60 * 60, updateAge: 60 * 60, cookieCache: { enabled: false } },
    // Our own lockout (LoginAttempt in PostgreSQL) replaces better-auth's per-process memory limiter.
    rateLimit: { enabled: false },
    // Over HTTP only sign-in and sign-out are served at all (app/api/auth/[...all]/route.ts); these are
    // also switched off inside better-auth, in case a route ever forwards more.
    disabledPaths: [
      "/update-user",
      "/change-email",
      "/change-password",
      "/verify-password",
      "/set-password",
      "/delete-user",
      "/request-password-reset",
      "/reset-password",
      "/sign-in/social",
      "/link-social",
      "/sign-up/email",
    ],
    advanced: {
      // Explicit, so tests (NODE_ENV=test, where better-auth would skip it) check origins like production.
      disableOriginCheck: false,
      disableCSRFCheck: false,
      useSecureCookies: config.secureCookies,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" },
    },
    telemetry: { enabled: false },
    // Failed logins are in the audit log already; better-auth's own warnings would only repeat them.
    logger: { level: "error" },
    // Refusals (wrong password, locked, malformed input) are a client's doing and audited: logging each
    // would let a burst of them flood the server log (so would BUSY). Only our own failures are logged.
    onAPIError: {
      onError: (error) => {
        if (!isAPIError(error) || error.statusCode === 500) console.error("[auth]", error);
      },
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const user = await db.user.findUnique({
              where: { id: session.userId },
              select: { active: true },
            });
            // Only reached with the right password: saying "deactivated" would confirm it to a guesser.
            if (!user?.active) throw new APIError("UNAUTHORIZED", INVALID_CREDENTIALS);
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === SIGN_IN) return reserveSignIn(ctx);
        if (ctx.path === SIGN_OUT) await auditSignOut(ctx);
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path === SIGN_IN) await settleSignIn(ctx);
      }),
    },
    plugins: options.plugins ?? [],
  });

  type Ctx = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];
  type SignInCtx = Ctx & { loginAttemptId?: number };

  function clientIp(ctx: Ctx): string {
    return getClientIp(ctx.headers ?? ctx.request?.headers ?? new Headers(), trust);
  }

  async function reserveSignIn(ctx: Ctx) {
    let typed: string;
    try {
      ({ email: typed } = parseSignInInput(ctx.body));
    } catch (error) {
      if (!isAppError(error)) throw error;
      throw new APIError("BAD_REQUEST", { code: error.code, message: error.message });
    }
    // The address as stored (li@例子.cn → li@xn--fsqu00a.cn, user@例子.中国 → user@xn--fsqu00a.xn--fiqs8s.invalid):
    // better-auth looks the account up by the body's email, and the lockout and audit key on the same form,
    // so every spelling of one address is one account with one count. An address toStoredEmail refuses goes
    // on as typed; no account has such a form, and better-auth answers it like any wrong login.
    const stored = toStoredEmail(typed);
    const email = stored.ok ? stored.email : typed;
    const body = stored.ok ? { ...(ctx.body as Record<string, unknown>), email } : undefined;
    const ip = clientIp(ctx);
    const reservation = await reserveLoginAttempt(db, {
      email,
      ip: toLockoutKey(ip),
      lockout: config.lockout,
      memory: lockMemory,
    });
    if (reservation.ok) return { context: { loginAttemptId: reservation.id, ...(body ? { body } : {}) } };
    if (reservation.reason === "locked") {
      await recordLoginRefusal(db, { email, ip, refusal: reservation });
      const minutes = minutesUntil(reservation.lock.lockedUntil, new Date());
      throw new APIError(
        "TOO_MANY_REQUESTS",
        { code: LOGIN_LOCKED, message: lockedMessage(minutes), retryAfterMinutes: minutes },
        { "Retry-After": String(minutes * 60) },
      );
    }
    await recordLoginRefusal(db, { email, ip, refusal: reservation });
    throw new APIError(
      "TOO_MANY_REQUESTS",
      { code: LOGIN_THROTTLED, message: new AppError("LOGIN_THROTTLED").message },
      { "Retry-After": "1" },
    );
  }

  async function settleSignIn(ctx: SignInCtx) {
    const id = ctx.loginAttemptId;
    if (id === undefined) return;
    const { email } = parseSignInInput(ctx.body);
    const ip = clientIp(ctx);
    const returned = ctx.context.returned;
    if (isAPIError(returned)) {
      const code = (returned.body as { code?: string } | undefined)?.code;
      // Too busy to check: no guess was judged, so none is counted.
      if (code === "BUSY") return settleLoginAttempt(db, { id, outcome: "void" });
      await settleLoginAttempt(db, { id, outcome: "failure" });
      await recordAudit(db, {
        actor: null,
        actorEmail: email,
        action: "login_failed",
        details: { code, reason: await failureReason(email, code) },
        ip,
      });
      await pruneAuditNowAndThen();
      return;
    }
    const user = ctx.context.newSession?.user;
    await settleLoginAttempt(db, { id, outcome: user ? "success" : "failure" });
    if (user) await recordAudit(db, { actor: { id: user.id, email: user.email }, action: "login", ip });
  }

  /** For the audit log only (the client hears the same answer either way). */
  async function failureReason(email: string, code: string | undefined): Promise<string> {
    if (code !== INVALID_CREDENTIALS.code) return "invalid_request";
    const user = await db.user.findUnique({ where: { email }, select: { active: true } });
    if (!user) return "unknown_email";
    return user.active ? "wrong_password" : "account_disabled";
  }

  async function pruneAuditNowAndThen() {
    if (Date.now() - auditPrunedAt < PRUNE_AUDIT_EVERY_MS) return;
    auditPrunedAt = Date.now();
    await pruneSignInAudit(db, {
      retentionMs: config.audit.signInRetentionMs,
      maxRows: config.audit.signInMaxRows,
    }).catch((error: unknown) => console.error("[auth] pruning the audit log failed", error));
  }

  async function auditSignOut(ctx: Ctx) {
    const session = await getSessionFromCtx(ctx).catch(() => null);
    if (!session) return;
    // better-auth deletes the session row next; the cached copy goes now, with the user's others (they are
    // looked up again on their next request).
    forgetUserSessions(session.user.id);
    await recordAudit(db, {
      actor: { id: session.user.id, email: session.user.email },
      action: "logout",
      ip: clientIp(ctx),
    });
  }
}

export type Auth = ReturnType<typeof createAuth>;

/** The argon2 limiter's BUSY, as better-auth answers errors: 503 with our code and message. */
function busyAsApiError<A extends unknown[], R>(task: (...args: A) => Promise<R>) {
  return async (...args: A): Promise<R> => {
    try {
      return await task(...args);
    } catch (error) {
      if (isAppError(error) && error.code === "BUSY")
        throw new APIError("SERVICE_UNAVAILABLE", { code: "BUSY", message: error.message });
      throw error;
    }
  };
}

// BETTER_AUTH_URL: that origin alone. AUTH_ALLOWED_HOSTS: those hosts (and localhost), over http or https.
// Neither: no fixed base — each request's own origin is the one trusted (ownOrigins), so the site works
// however colleagues reach it (http://10.1.2.3:3000 on an intranet) and any other origin is still refused.
function resolveBaseUrl(config: AuthConfig) {
  if (config.baseUrl) return config.baseUrl;
  if (config.allowedHosts.length > 0) return { allowedHosts: config.allowedHosts, protocol: "auto" as const };
  return undefined;
}

/** The origin the browser used, from Host (or X-Forwarded-Host behind a proxy — a header no web page can set). */
async function ownOrigins(request?: Request): Promise<string[]> {
  const headers = request?.headers;
  const host = headers?.get("x-forwarded-host")?.split(",")[0]?.trim() || headers?.get("host");
  return host ? [`http://${host}`, `https://${host}`] : [];
}
