// The database runtime for `npm start` and the scripts:
//   const { url, stop } = await ensureDatabase();
// DATABASE_URL set → that server; unset → the embedded PostgreSQL under ./.data (port PG_PORT, default
// 54329), started here and stopped by stop(). Either way the migrations are applied before returning.
// A caller that starts the server should call stop() on SIGINT/SIGTERM; a stale server left by a SIGKILL
// is recovered on the next start.
// On the embedded server the app connects as its own role, which owns the app's database and every table
// in it but is no superuser; the superuser only prepares that role and database (prepareAppDatabase).
import pg from "pg";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { EMBEDDED_DATABASE_NAME, appDataDir, readDatabaseEnv, type EnvRecord } from "@/lib/db/database-url";
import type { RoleCredentials } from "@/lib/db/embedded-credentials";
import { startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/start-embedded-postgres";

export const APP_DATA_DIR = appDataDir();

export interface RunningDatabase {
  url: string;
  /** true when this process started the embedded server (and stop() stops it). */
  embedded: boolean;
  stop(): Promise<void>;
}

export async function ensureDatabase(
  options: { log?: (message: string) => void; env?: EnvRecord; dataDir?: string } = {},
): Promise<RunningDatabase> {
  const { DATABASE_URL, PG_PORT } = readDatabaseEnv(options.env);
  if (DATABASE_URL) {
    await applyMigrations({ url: DATABASE_URL });
    return { url: DATABASE_URL, embedded: false, stop: async () => {} };
  }
  const server = await startEmbeddedPostgres({
    dataDir: options.dataDir ?? APP_DATA_DIR,
    port: PG_PORT,
    persistent: true,
    log: options.log,
  });
  try {
    const url = await prepareAppDatabase(server, EMBEDDED_DATABASE_NAME);
    await applyMigrations({ url });
    return { url, embedded: true, stop: () => server.stop() };
  } catch (error) {
    await server.stop();
    throw error;
  }
}

/**
 * The app's role and database on an embedded server, made (or repaired) by the superuser: the role with
 * the credentials file's password and no powers beyond its own objects; the database owned by it; and
 * every object in the database handed to it — which upgrades a database made by the superuser before
 * the app had a role of its own, data untouched. Returns the app role's URL for the database.
 */
export async function prepareAppDatabase(server: EmbeddedServer, database: string): Promise<string> {
  const admin = new pg.Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await ensureAppRole(admin, server.credentials.app);
    await createDatabaseIfMissing(server.adminUrl, database);
    const role = admin.escapeIdentifier(server.credentials.app.user);
    await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(database)} OWNER TO ${role}`);
  } finally {
    await admin.end();
  }
  const inDatabase = new pg.Client({ connectionString: server.urlFor(database) });
  await inDatabase.connect();
  try {
    await inDatabase.query(handOverObjectsSql(server.credentials.app.user));
  } finally {
    await inDatabase.end();
  }
  return server.appUrlFor(database);
}

async function ensureAppRole(admin: pg.Client, app: RoleCredentials): Promise<void> {
  const { rowCount } = await admin.query("SELECT 1 FROM pg_roles WHERE rolname = $1", [app.user]);
  const role = admin.escapeIdentifier(app.user);
  const password = admin.escapeLiteral(app.password);
  // Every start restates the role's limits and password, so the credentials file is always the truth.
  const limits = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS";
  await admin.query(`${rowCount ? "ALTER" : "CREATE"} ROLE ${role} ${limits} PASSWORD ${password}`);
}

/**
 * Tables (with their sequences and indexes), views, free-standing sequences, types and functions of the
 * public schema that the app role does not own yet become its own. Nothing to do on a database the app
 * role made itself; the one-time upgrade of a database its migrations ran in as the superuser.
 */
function handOverObjectsSql(role: string): string {
  // The role name is a plain identifier (embedded-credentials.ts checks it), safe to write into the block.
  return `DO $$
DECLARE
  owner_role text := '${role}';
  item record;
BEGIN
  FOR item IN
    SELECT c.oid::regclass AS name, c.relkind FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
      AND pg_get_userbyid(c.relowner) <> owner_role
  LOOP
    EXECUTE format('ALTER %s %s OWNER TO %I',
      CASE item.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW'
        WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, item.name, owner_role);
  END LOOP;
  -- Sequences of serial and identity columns moved with their tables; these stand alone.
  FOR item IN
    SELECT c.oid::regclass AS name FROM pg_class c
    WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S'
      AND pg_get_userbyid(c.relowner) <> owner_role
  LOOP
    EXECUTE format('ALTER SEQUENCE %s OWNER TO %I', item.name, owner_role);
  END LOOP;
  FOR item IN
    SELECT t.oid::regtype AS name FROM pg_type t
    WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd')
      AND pg_get_userbyid(t.typowner) <> owner_role
  LOOP
    EXECUTE format('ALTER TYPE %s OWNER TO %I', item.name, owner_role);
  END LOOP;
  FOR item IN
    SELECT p.oid::regprocedure AS name FROM pg_proc p
    WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) <> owner_role
  LOOP
    EXECUTE format('ALTER ROUTINE %s OWNER TO %I', item.name, owner_role);
  END LOOP;
END $$`;
}

export async function createDatabaseIfMissing(adminUrl: string, name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (rowCount) return false;
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    return true;
  } finally {
    await client.end();
  }
}
