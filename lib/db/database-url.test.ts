import { describe, expect, test } from "vitest";
import { DEFAULT_PG_PORT, getDatabaseUrl, readDatabaseEnv } from "@/lib/db/database-url";

describe("database configuration", () => {
  test("DATABASE_URL wins when set", () => {
    expect(getDatabaseUrl({ DATABASE_URL: "postgresql://u:p@db.example:5432/nianbao" })).toBe(
      "postgresql://u:p@db.example:5432/nianbao",
    );
  });

  test.each([{}, { DATABASE_URL: "" }, { DATABASE_URL: "  " }])(
    "unset or blank → the embedded server (%j)",
    (env) => {
      expect(getDatabaseUrl(env)).toBe(`postgresql://postgres:postgres@localhost:${DEFAULT_PG_PORT}/nianbao`);
    },
  );

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
