// Prisma CLI configuration. Only `prisma generate` is used: the schema engine cannot be downloaded here,
// so PRISMA_SCHEMA_ENGINE_BINARY points at a stub that explains this and exits 1, and migrations are plain
// SQL files applied by our own applier (lib/db/apply-migrations.ts, `npm run db:migrate`).
import path from "node:path";
import { defineConfig } from "prisma/config";

process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.join(import.meta.dirname, "prisma", "schema-engine-stub.sh");

export default defineConfig({
  schema: path.join("prisma", "schema"),
  migrations: { path: path.join("prisma", "migrations") },
  // generate does not connect; the default only keeps the CLI from failing when DATABASE_URL is unset.
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@localhost:54329/postgres" },
});
