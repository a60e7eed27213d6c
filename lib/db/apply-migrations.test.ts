import { expect, test } from "vitest";
import { splitStatements } from "@/lib/db/apply-migrations";

test("statements of a no-transaction migration end with ; at a line end; comments and blanks are dropped", () => {
  const sql = [
    "-- migration: no-transaction",
    "",
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS "a" ON "T"("x");',
    "-- the next one spans lines",
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS "b"',
    '  ON "T"("y", "z");',
    "",
    "SELECT 'no semicolon at the end'",
  ].join("\n");
  expect(splitStatements(sql)).toEqual([
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS "a" ON "T"("x");',
    'CREATE INDEX CONCURRENTLY IF NOT EXISTS "b"\n  ON "T"("y", "z");',
    "SELECT 'no semicolon at the end'",
  ]);
});
