// Creates a user with an email + password login (a better-auth "credential" account holding the argon2id
// hash). Used by the admin page, the CLI and the first start; sign-up through the API is disabled.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { recordAudit, type AuditActor } from "./audit";
import { AppError } from "@/lib/api/app-error";
import { toStoredEmail } from "./to-stored-email";
import { checkPasswordRule, hashPassword } from "./password";
import type { Role } from "./permissions";

export const emailSchema = z
  .string()
  .max(254)
  .transform((text, ctx) => {
    const stored = toStoredEmail(text);
    if (stored.ok) return stored.email;
    ctx.addIssue({ code: "custom", message: stored.message });
    return z.NEVER;
  });

export type NewUser = {
  email: string;
  name?: string;
  role: Role;
  password: string;
  canExport?: boolean;
  regions?: string[];
};

export async function createUser(
  db: PrismaClient,
  input: NewUser & { actor: AuditActor; ip?: string | null },
): Promise<{ id: string; email: string }> {
  const email = parseEmail(input.email);
  const passwordProblem = checkPasswordRule(input.password, { email });
  if (passwordProblem) throw new AppError("WEAK_PASSWORD", passwordProblem);
  const passwordHash = await hashPassword(input.password);
  const id = randomUUID();
  return db.$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email }, select: { id: true } }))
      throw new AppError("EMAIL_TAKEN");
    const user = await tx.user.create({
      data: {
        id,
        email,
        name: input.name?.trim() || email.split("@")[0]!,
        role: input.role,
        // Only a supervisor's export right is a choice (analysts and admins always may, staff never):
        // storing what the role makes of it keeps the list, the CLI and can() in agreement.
        canExport: input.role === "supervisor" && (input.canExport ?? false),
        regions: input.role === "staff" ? (input.regions ?? []) : [],
        accounts: {
          create: { id: randomUUID(), accountId: id, providerId: "credential", password: passwordHash },
        },
      },
      select: { id: true, email: true, name: true, role: true, canExport: true, regions: true },
    });
    // What was stored, not what was submitted (a region list sent for an analyst is dropped).
    await recordAudit(tx, {
      actor: input.actor,
      action: "user_create",
      target: `user ${user.email}`,
      details: { name: user.name, role: user.role, canExport: user.canExport, regions: user.regions },
      ip: input.ip,
    });
    return { id: user.id, email: user.email };
  });
}

function parseEmail(email: string): string {
  const parsed = emailSchema.safeParse(email);
  if (!parsed.success) throw new AppError("INVALID_EMAIL", parsed.error.issues[0]?.message);
  return parsed.data;
}
