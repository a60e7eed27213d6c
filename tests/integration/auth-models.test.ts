// Every model of prisma/schema/auth.prisma, through the client, on a database migrated by our own SQL
// (prisma/migrations/20261129010000_auth), plus a column-by-column comparison of nullability and defaults
// with what the client believes — so the schema and the hand-written migration cannot drift apart.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

const AUTH_MODELS = ["User", "Session", "Account", "Verification", "ApiToken", "LoginAttempt", "AuditLog"];

type SchemaField = { model: string; name: string; nullable: boolean; dbDefault: boolean };

// The generated client keeps only names and types at run time, so nullability and defaults are read from
// the schema file itself: `name Type[?|[]] @attributes`, relation fields (types naming a model) skipped.
const SCHEMA_DIR = path.join(process.cwd(), "prisma", "schema");

/** Every model of every schema file: a field typed with one of them is a relation, not a column. */
function readAllModelNames(): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(SCHEMA_DIR).filter((name) => name.endsWith(".prisma"))) {
    const text = readFileSync(path.join(SCHEMA_DIR, file), "utf8");
    for (const [, model] of text.matchAll(/^model (\w+) \{/gm)) names.add(model!);
  }
  return names;
}

function readSchemaFields(): SchemaField[] {
  const schema = readFileSync(path.join(SCHEMA_DIR, "auth.prisma"), "utf8");
  const models = readAllModelNames();
  const fields: SchemaField[] = [];
  for (const [, model, body] of schema.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    for (const line of body!.split("\n")) {
      const match = /^\s+(\w+)\s+(\w+)(\?|\[\])?(.*)$/.exec(line);
      if (!match || models.has(match[2]!)) continue;
      const [, name, , modifier, attributes] = match;
      fields.push({
        model: model!,
        name: name!,
        nullable: modifier !== undefined, // optional, or a scalar list (Prisma leaves lists nullable in SQL)
        dbDefault: /@default\(/.test(attributes!),
      });
    }
  }
  return fields;
}

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.drop());

describe("auth schema matches its migration", () => {
  test("every auth table has exactly the schema's columns, with the same nullability and defaults", async () => {
    const fields = readSchemaFields();
    expect(new Set(fields.map((field) => field.model))).toEqual(new Set(AUTH_MODELS));
    const rows = await t.db.$queryRaw<
      { table_name: string; column_name: string; is_nullable: "YES" | "NO"; column_default: string | null }[]
    >`SELECT table_name, column_name, is_nullable, column_default FROM information_schema.columns
      WHERE table_schema = 'public' AND table_name = ANY(${AUTH_MODELS})`;
    const actual = rows.map((row) => ({
      model: row.table_name,
      name: row.column_name,
      nullable: row.is_nullable === "YES",
      dbDefault: row.column_default !== null,
    }));
    const byKey = (a: SchemaField, b: SchemaField) =>
      `${a.model}.${a.name}`.localeCompare(`${b.model}.${b.name}`);
    expect(actual.sort(byKey)).toEqual(fields.sort(byKey));
  });

  test("the unique and foreign-key constraints of the schema exist", async () => {
    const rows = await t.db.$queryRaw<{ indexname: string }[]>`
      SELECT indexname FROM pg_indexes WHERE schemaname = 'public'`;
    const indexes = new Set(rows.map((row) => row.indexname));
    for (const name of [
      "User_email_key",
      "Session_token_key",
      "Session_userId_idx",
      "Account_userId_idx",
      "Verification_identifier_idx",
      "ApiToken_tokenHash_key",
      "ApiToken_userId_idx",
      "LoginAttempt_email_at_idx",
      "LoginAttempt_ip_at_idx",
      "AuditLog_at_idx",
      "AuditLog_actorId_at_idx",
    ]) {
      expect(indexes.has(name), name).toBe(true);
    }
  });
});

describe("every auth model through the client", () => {
  test("a user with an account, a session, a token, attempts and audit entries", async () => {
    const { db } = t;
    const user = await db.user.create({
      data: {
        id: "u-models-1",
        name: "李明",
        email: "li.ming@example.gov.cn",
        role: "staff",
        regions: ["5303"],
      },
    });
    expect(user).toMatchObject({ emailVerified: false, canExport: false, active: true, regions: ["5303"] });

    await db.account.create({
      data: {
        id: "a-1",
        accountId: user.id,
        providerId: "credential",
        userId: user.id,
        password: "$argon2id$x",
      },
    });
    await db.session.create({
      data: {
        id: "s-1",
        token: "tok-1",
        userId: user.id,
        expiresAt: new Date(Date.now() + 3600_000),
        ipAddress: "127.0.0.1",
      },
    });
    await db.verification.create({
      data: { id: "v-1", identifier: "reset:li", value: "x", expiresAt: new Date(Date.now() + 60_000) },
    });
    const token = await db.apiToken.create({
      data: { userId: user.id, name: "脚本", tokenHash: "h".repeat(64), prefix: "nbt_abc" },
    });
    await db.loginAttempt.create({ data: { email: user.email, ip: "10.0.0.1", success: false } });
    const entry = await db.auditLog.create({
      data: {
        actorId: user.id,
        actorEmail: user.email,
        action: "upload",
        target: "document 1",
        details: { files: 2 },
      },
    });

    const loaded = await db.user.findUniqueOrThrow({
      where: { email: "li.ming@example.gov.cn" },
      include: { accounts: true, sessions: true, apiTokens: true, auditLogs: true },
    });
    expect(loaded.accounts).toHaveLength(1);
    expect(loaded.sessions[0]?.token).toBe("tok-1");
    expect(loaded.apiTokens[0]?.id).toBe(token.id);
    expect(loaded.auditLogs[0]?.details).toEqual({ files: 2 });
    expect(await db.verification.count({ where: { identifier: "reset:li" } })).toBe(1);
    expect(await db.loginAttempt.count({ where: { email: user.email, success: false } })).toBe(1);

    // Deleting a user takes their sessions, accounts and tokens along but keeps the audit trail.
    await db.user.delete({ where: { id: user.id } });
    expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.account.count({ where: { userId: user.id } })).toBe(0);
    expect(await db.apiToken.count({ where: { userId: user.id } })).toBe(0);
    const kept = await db.auditLog.findUniqueOrThrow({ where: { id: entry.id } });
    expect(kept).toMatchObject({ actorId: null, actorEmail: "li.ming@example.gov.cn" });
  });

  test("emails and token hashes are unique, roles are a closed list", async () => {
    const { db } = t;
    await db.user.create({ data: { id: "u-2", name: "a", email: "same@example.gov.cn", role: "analyst" } });
    await expect(
      db.user.create({ data: { id: "u-3", name: "b", email: "same@example.gov.cn", role: "analyst" } }),
    ).rejects.toThrow();
    await db.apiToken.create({ data: { userId: "u-2", name: "x", tokenHash: "dup", prefix: "nbt_x" } });
    await expect(
      db.apiToken.create({ data: { userId: "u-2", name: "y", tokenHash: "dup", prefix: "nbt_y" } }),
    ).rejects.toThrow();
    await expect(db.$executeRaw`INSERT INTO "User" (id, name, email, role, "updatedAt")
      VALUES ('u-4', 'c', 'c@example.gov.cn', 'superuser', now())`).rejects.toThrow();
  });
});
