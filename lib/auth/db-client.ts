// What lib/auth's database functions accept: the app's client, a test database's, or a transaction, so
// callers can record an audit entry in the same transaction as the change it describes.
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

export type DbClient = PrismaClient | Prisma.TransactionClient;
