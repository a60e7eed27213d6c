// The key better-auth signs session cookies with: BETTER_AUTH_SECRET, or one generated on first start and
// kept in ./.data/auth-secret (mode 600) so sessions survive restarts. Server-side only; never sent anywhere.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const SECRET_FILE = path.join(process.cwd(), ".data", "auth-secret");

export function getAuthSecret(options: { configured?: string; file?: string } = {}): string {
  if (options.configured) return options.configured;
  const file = options.file ?? SECRET_FILE;
  const existing = readSecretFile(file);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // "wx": when two workers start at once, exactly one writes and the other reads what it wrote.
    writeFileSync(file, randomBytes(32).toString("base64url") + "\n", { flag: "wx", mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  const created = readSecretFile(file);
  if (!created) throw new Error(`Could not read the auth secret from ${file}`);
  return created;
}

function readSecretFile(file: string): string | null {
  try {
    const secret = readFileSync(file, "utf8").trim();
    return secret.length >= 32 ? secret : null;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
