// Builds a PrismaClient on the pg driver adapter (Prisma 7 has no native query engine here).
// The app uses the one client in lib/db.ts; scripts and tests call this with their own URL,
// because lib/db.ts is `server-only` and bound to DATABASE_URL.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type { PrismaClient };

export function createClient(url: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
}
