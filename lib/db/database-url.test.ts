import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, test } from "vitest";
import { readOrCreateCredentials } from "@/lib/db/embedded-credentials";
import { DEFAULT_PG_PORT, getDatabaseUrl, readDatabaseEnv } from "@/lib/db/database-url";

describe("database configuration", () => {
  test("DATABASE_URL wins when set", () => {
    expect(getDatabaseUrl({ DATABASE_URL: "postgresql://u:p@db.example:5432/nianbao" })).toBe(
      "postgresql://u:p@db.example:5432/nianbao",
    );
  });

  test.each([{}, { DATABASE_URL: "" }, { DATABASE_URL: "  " }])(
    "unset or blank → the embedded server as the app's role, password from its credentials file (%j)",
    (env) => {
      const dir = mkdtempSync(path.join(tmpdir(), "database-url-"));
      try {
        const file = path.join(dir, "pg-credentials.json");
        const { credentials } = readOrCreateCredentials(file);
        expect(statSync(file).mode & 0o777).toBe(0o600);
        const url = new URL(getDatabaseUrl(env, file));
        expect(url.username).toBe("nianbao");
        expect(decodeURIComponent(url.password)).toBe(credentials.app.password);
        expect(url.password).not.toBe("postgres");
        expect(`${url.host}${url.pathname}`).toBe(`localhost:${DEFAULT_PG_PORT}/nianbao`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  test("before any credentials exist, a URL without a password (nothing connects at build time)", () => {
    expect(getDatabaseUrl({}, "/nonexistent/pg-credentials.json")).toBe(
      `postgresql://nianbao@localhost:${DEFAULT_PG_PORT}/nianbao`,
    );
  });

  test("PG_PORT moves the embedded server", () => {
    expect(readDatabaseEnv({ PG_PORT: "6543" }).PG_PORT).toBe(6543);
  });

  test.each([
    { DATABASE_URL: "mysql://localhost/x" },
    { DATABASE_URL: "not a url" },
    { PG_PORT: "0" },
    { PG_PORT: "port" },
  ])("refuses %j with a clear message", (env) => {
    expect(() => readDatabaseEnv(env)).toThrow(/Invalid database configuration/);
  });
});
