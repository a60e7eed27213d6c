// Password hashing for better-auth and our own user creation: argon2id with OWASP's baseline parameters
// (19 MiB, 2 passes, 1 lane), computed in native code off the event loop. Every hash and verification in
// the process shares one limiter (PASSWORD_HASH_CONCURRENCY at once, PASSWORD_HASH_QUEUE waiting): past
// that, AppError("BUSY") at once instead of an ever longer queue. Waiting hashes take turns by client
// address, named by whoever handles the request: asClient(ip, () => …).
import { AsyncLocalStorage } from "node:async_hooks";
import { hash, verify } from "@node-rs/argon2";
import { AppError } from "@/lib/api/app-error";
import { createConcurrencyLimiter, LimiterFullError, type ConcurrencyLimiter } from "./concurrency-limiter";
import { COMMON_PASSWORDS } from "./common-passwords";
import { readPasswordHashingConfig } from "./config";
import { toStoredEmail } from "./to-stored-email";

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 128;

const ARGON2ID = 2; // Algorithm.Argon2id (a const enum, which isolatedModules cannot import)
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

let limiter: ConcurrencyLimiter | undefined;
const client = new AsyncLocalStorage<string>();

/** Runs `work` with its password hashes queued under `key` (the client's lockout key). */
export function asClient<T>(key: string, work: () => Promise<T>): Promise<T> {
  return client.run(key, work);
}

/** The process-wide argon2 limiter (built on first use from the environment). */
export function getPasswordHashLimiter(): ConcurrencyLimiter {
  limiter ??= createConcurrencyLimiter(readPasswordHashingConfig());
  return limiter;
}

async function limited<T>(task: () => Promise<T>): Promise<T> {
  try {
    return await getPasswordHashLimiter().run(task, client.getStore());
  } catch (error) {
    if (error instanceof LimiterFullError) throw new AppError("BUSY");
    throw error;
  }
}

export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, OPTIONS));
}

export function verifyPassword(input: { hash: string; password: string }): Promise<boolean> {
  return limited(async () => {
    try {
      return await verify(input.hash, input.password);
    } catch {
      return false; // a malformed stored hash is a failed login, not a crash
    }
  });
}

/**
 * The rule shown next to every password field; null when the password is acceptable. Besides the length,
 * a password may not be the account's email (or its part before @), one character repeated, or one of
 * COMMON_PASSWORDS — all the first things a guesser tries.
 */
/** The password is the address in another spelling: user@例子.中国 for user@xn--fsqu00a.xn--fiqs8s.invalid. */
function isSameAddress(password: string, email: string): boolean {
  const [typed, stored] = [toStoredEmail(password), toStoredEmail(email)];
  return typed.ok && stored.ok && typed.email === stored.email;
}

export function checkPasswordRule(password: string, options: { email?: string } = {}): string | null {
  if (password.length < MIN_PASSWORD_LENGTH) return `密码至少 ${MIN_PASSWORD_LENGTH} 个字符`;
  if (password.length > MAX_PASSWORD_LENGTH) return `密码最多 ${MAX_PASSWORD_LENGTH} 个字符`;
  const lower = password.trim().toLowerCase();
  const email = options.email?.trim().toLowerCase();
  if (email && (lower === email || lower === email.split("@")[0] || isSameAddress(password, email)))
    return "密码不能与邮箱相同";
  if (new Set(lower).size === 1) return "密码不能是同一个字符的重复";
  if (COMMON_PASSWORDS.has(lower)) return "这个密码太常见，很容易被猜到，请换一个";
  return null;
}
