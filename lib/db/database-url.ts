// Where the database is: DATABASE_URL when set (an external PostgreSQL), else the embedded server that
// ensureDatabase() starts under ./.data on PG_PORT (default 54329), reached as the app's own role with the
// password kept in ./.data/pg-credentials.json (lib/db/embedded-credentials.ts).
import path from "node:path";
import { z } from "zod";
import {
  EMBEDDED_APP_ROLE,
  credentialsFileFor,
  readCredentials,
  type RoleCredentials,
} from "@/lib/db/embedded-credentials";

export const DEFAULT_PG_PORT = 54329;
export const EMBEDDED_DATABASE_NAME = "nianbao";

const databaseEnvSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .transform((url) => (url ? url : undefined))
    .pipe(z.url({ protocol: /^postgres(ql)?$/ }).optional()),
  PG_PORT: z.coerce.number().int().min(1).max(65535).default(DEFAULT_PG_PORT),
});

/** process.env, or a plain record in tests. */
export type EnvRecord = Readonly<Record<string, string | undefined>>;

export type DatabaseEnv = z.infer<typeof databaseEnvSchema>;

export function readDatabaseEnv(env: EnvRecord = process.env): DatabaseEnv {
  const parsed = databaseEnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid database configuration: ${z.prettifyError(parsed.error)}`);
  }
  return parsed.data;
}

/** The app's embedded data directory (its credentials file lies beside it). */
export function appDataDir(cwd: string = process.cwd()): string {
  return path.join(cwd, ".data", "pg");
}

/** A URL on the local embedded server; the user and password are URL-encoded. */
export function buildLocalUrl(options: { port: number; database: string } & RoleCredentials): string {
  const user = encodeURIComponent(options.user);
  const password = encodeURIComponent(options.password);
  return `postgresql://${user}:${password}@localhost:${options.port}/${options.database}`;
}

/**
 * The URL the app connects to: DATABASE_URL, or the embedded server's database as the app role. Without
 * DATABASE_URL and before the first `npm start` made credentials, a password-less URL: nothing connects
 * at import (so `next build` works), and the first query says the password is missing.
 */
export function getDatabaseUrl(
  env: EnvRecord = process.env,
  credentialsFile: string = credentialsFileFor(appDataDir()),
): string {
  const { DATABASE_URL, PG_PORT } = readDatabaseEnv(env);
  if (DATABASE_URL) return DATABASE_URL;
  const app = readCredentials(credentialsFile)?.app;
  if (app) return buildLocalUrl({ port: PG_PORT, database: EMBEDDED_DATABASE_NAME, ...app });
  return `postgresql://${EMBEDDED_APP_ROLE}@localhost:${PG_PORT}/${EMBEDDED_DATABASE_NAME}`;
}
