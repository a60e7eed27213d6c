// The embedded server's passwords, drawn at random on its first start and kept beside its data directory
// (./.data/pg-credentials.json for the app, mode 600, like ./.data/auth-secret): the superuser's, used only
// to create the app's role and database, and the app role's — a role that owns the app's tables and
// nothing more (no superuser, so no COPY … TO PROGRAM, no reading server files). Before this file existed
// every embedded server used the superuser password "postgres"; ensure-database.ts upgrades such a cluster.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

export const EMBEDDED_SUPERUSER = "postgres";
export const EMBEDDED_APP_ROLE = "nianbao";
/** What every embedded server's superuser had before credentials were generated; only ever used to upgrade. */
export const LEGACY_SUPERUSER_PASSWORD = "postgres";

// Role names are plain identifiers, so SQL can name them without quoting tricks.
const roleSchema = z.object({
  user: z.string().regex(/^[a-z_][a-z0-9_]{0,62}$/),
  password: z.string().min(32),
});
const credentialsSchema = z.object({ superuser: roleSchema, app: roleSchema });

export type EmbeddedCredentials = z.infer<typeof credentialsSchema>;
export type RoleCredentials = EmbeddedCredentials["app"];

/** ./.data/pg → ./.data/pg-credentials.json: outside the cluster's own directory, next to it. */
export function credentialsFileFor(dataDir: string): string {
  return `${path.resolve(dataDir)}-credentials.json`;
}

export function readCredentials(file: string): EmbeddedCredentials | null {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  const parsed = credentialsSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`${file} is not a valid credentials file; move it away to start over.`);
  return parsed.data;
}

/** The file's credentials; on first use new random ones, written owner-only ("wx": one writer wins a race). */
export function readOrCreateCredentials(file: string): {
  credentials: EmbeddedCredentials;
  created: boolean;
} {
  const existing = readCredentials(file);
  if (existing) return { credentials: existing, created: false };
  const fresh: EmbeddedCredentials = {
    superuser: { user: EMBEDDED_SUPERUSER, password: randomPassword() },
    app: { user: EMBEDDED_APP_ROLE, password: randomPassword() },
  };
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    writeFileSync(file, `${JSON.stringify(fresh, null, 2)}\n`, { flag: "wx", mode: 0o600 });
    return { credentials: fresh, created: true };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    return { credentials: readCredentials(file)!, created: false };
  }
}

function randomPassword(): string {
  return randomBytes(32).toString("base64url");
}
