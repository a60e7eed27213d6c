// Builds the better-auth instance: email + password, sessions in PostgreSQL through the one Prisma client,
// argon2id hashes, lockout and audit hooks around sign-in and sign-out. lib/auth/auth.ts makes the app's
// instance; integration tests build one on their own database.
import { betterAuth, type BetterAuthPlugin } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware, getSessionFromCtx, isAPIError } from "better-auth/api";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit } from "./audit";
import { getAuthSecret } from "./auth-secret";
import { getClientIp } from "./client-ip";
import type { AuthConfig } from "./config";
import { minutesUntil } from "./lockout-policy";
import { findLoginLock, normalizeEmail, recordLoginAttempt } from "./login-attempts";
import { ACCOUNT_DISABLED, LOGIN_LOCKED, lockedMessage } from "./login-messages";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, hashPassword, verifyPassword } from "./password";

const SIGN_IN = "/sign-in/email";
const SIGN_OUT = "/sign-out";

export function createAuth(options: { db: PrismaClient; config: AuthConfig; plugins?: BetterAuthPlugin[] }) {
  const { db, config } = options;
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
      password: { hash: hashPassword, verify: verifyPassword },
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
    // Short sessions, slid forward while in use; no cookie cache, so a role change or deactivation
    // takes effect on the very next request.
    session: { expiresIn: 12 * 60 * 60, updateAge: 60 * 60, cookieCache: { enabled: false } },
    // Our own lockout (LoginAttempt in PostgreSQL) replaces better-auth's per-process memory limiter.
    rateLimit: { enabled: false },
    disabledPaths: [
      "/update-user",
      "/change-email",
      "/delete-user",
      "/request-password-reset",
      "/reset-password",
      "/sign-in/social",
      "/link-social",
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
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const user = await db.user.findUnique({
              where: { id: session.userId },
              select: { active: true },
            });
            if (!user?.active) {
              throw new APIError("FORBIDDEN", {
                code: ACCOUNT_DISABLED,
                message: "账号已停用，请联系管理员",
              });
            }
          },
        },
      },
    },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path === SIGN_IN) await refuseLockedLogin(ctx);
        if (ctx.path === SIGN_OUT) await auditSignOut(ctx);
      }),
      after: createAuthMiddleware(async (ctx) => {
        if (ctx.path === SIGN_IN) await recordSignIn(ctx);
      }),
    },
    plugins: options.plugins ?? [],
  });

  type Ctx = Parameters<Parameters<typeof createAuthMiddleware>[0]>[0];

  function requestFacts(ctx: Ctx) {
    const headers = ctx.headers ?? ctx.request?.headers ?? new Headers();
    const body = (ctx.body ?? {}) as { email?: unknown };
    return {
      email: typeof body.email === "string" ? normalizeEmail(body.email) : "",
      ip: getClientIp(headers),
    };
  }

  async function refuseLockedLogin(ctx: Ctx) {
    const { email, ip } = requestFacts(ctx);
    const now = new Date();
    const lock = await findLoginLock(db, { email, ip, lockout: config.lockout, now });
    if (!lock) return;
    const minutes = minutesUntil(lock.lockedUntil, now);
    await recordAudit(db, {
      actor: null,
      actorEmail: email,
      action: "login_locked",
      details: { key: lock.key },
      ip,
    });
    throw new APIError(
      "TOO_MANY_REQUESTS",
      { code: LOGIN_LOCKED, message: lockedMessage(minutes), retryAfterMinutes: minutes },
      { "Retry-After": String(minutes * 60) },
    );
  }

  async function recordSignIn(ctx: Ctx) {
    const { email, ip } = requestFacts(ctx);
    const returned = ctx.context.returned;
    if (isAPIError(returned)) {
      const code = (returned.body as { code?: string } | undefined)?.code;
      // Only a wrong email/password counts toward lockout (not a refused origin or a disabled account).
      if (code === "INVALID_EMAIL_OR_PASSWORD" || code === "INVALID_EMAIL") {
        await recordLoginAttempt(db, { email, ip, success: false });
      }
      await recordAudit(db, {
        actor: null,
        actorEmail: email,
        action: "login_failed",
        details: { code },
        ip,
      });
      return;
    }
    const user = ctx.context.newSession?.user;
    if (!user) return;
    await recordLoginAttempt(db, { email, ip, success: true });
    await recordAudit(db, { actor: { id: user.id, email: user.email }, action: "login", ip });
  }

  async function auditSignOut(ctx: Ctx) {
    const session = await getSessionFromCtx(ctx).catch(() => null);
    if (!session) return;
    const { ip } = requestFacts(ctx);
    await recordAudit(db, {
      actor: { id: session.user.id, email: session.user.email },
      action: "logout",
      ip,
    });
  }
}

export type Auth = ReturnType<typeof createAuth>;

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
