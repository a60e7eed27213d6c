// The app's one Prisma client. Server code imports `db` from here; nothing else in the app constructs a
// client. Scripts and tests (which are not "server-only") use createClient from lib/db/create-client.ts.
// The URL is DATABASE_URL, or the embedded server's (scripts/start.ts runs ensureDatabase() from
// lib/db/ensure-database.ts first and passes the URL on in DATABASE_URL).
import "server-only";
import { createClient, type PrismaClient } from "@/lib/db/create-client";
import { getDatabaseUrl } from "@/lib/db/database-url";

// Kept on globalThis: Next evaluates this module once per bundle (proxy.ts is built apart from the pages)
// and again on every hot reload, but the process should hold one connection pool.
const globalForDb = globalThis as unknown as { nianbaoDb?: PrismaClient };

export const db: PrismaClient = (globalForDb.nianbaoDb ??= createClient(getDatabaseUrl()));
