// Where the database is: DATABASE_URL when set (an external PostgreSQL), else the embedded server
// that ensureDatabase() starts under ./.data on PG_PORT (default 54329).
import { z } from "zod";

export const DEFAULT_PG_PORT = 54329;
export const EMBEDDED_DATABASE_NAME = "nianbao";
export const EMBEDDED_USER = "postgres";
// The embedded server listens on localhost only; the password keeps `psql` from prompting, not a secret.
export const EMBEDDED_PASSWORD = "postgres";

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

export function buildLocalUrl(port: number, database: string): string {
  return `postgresql://${EMBEDDED_USER}:${EMBEDDED_PASSWORD}@localhost:${port}/${database}`;
}

/** The URL the app connects to: DATABASE_URL, or the embedded server's database. */
export function getDatabaseUrl(env: EnvRecord = process.env): string {
  const { DATABASE_URL, PG_PORT } = readDatabaseEnv(env);
  return DATABASE_URL ?? buildLocalUrl(PG_PORT, EMBEDDED_DATABASE_NAME);
}
