"use server";
// Server actions of the review page. Each checks the caller itself (an action is reachable by POST whatever
// page showed its form): signed in, and allowed to correct or confirm this report's region. Each parses its
// fields with zod, acts through lib/ingest, records who did what in the audit log, and refreshes the page.
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { AppError } from "@/lib/api/app-error";
import { getRequestIp } from "@/lib/auth/auth";
import { recordAudit, type AuditAction } from "@/lib/auth/audit";
import { assertCan } from "@/lib/auth/assert-can";
import type { AuthUser } from "@/lib/auth/auth-user";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getPool } from "@/lib/db/create-client";
import { withTransaction } from "@/lib/db/sql";
import { confirmReport, reopenReport } from "@/lib/ingest/confirm-report";
import { correctCell } from "@/lib/ingest/correct-cell";
import { refileReport } from "@/lib/ingest/refile-report";
import { rereadAsTemplate } from "@/lib/ingest/reread-as-template";
import { resolveFinding } from "@/lib/ingest/resolve-finding";
import { getReportScope } from "@/lib/queries/get-report-scope";
import { describeFailure, type ReviewActionState } from "@/components/review/review-action-state";

const id = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);
const reason = z.string().trim().min(1, "请填写理由").max(500, "理由请控制在 500 字以内");

async function authorise(reportId: number, action: "correct" | "confirm"): Promise<AuthUser> {
  const user = await requireUser();
  const scope = await getReportScope(db, reportId);
  if (!scope) throw new AppError("REPORT_NOT_FOUND");
  assertCan(user, action, { regionCode: scope.regionCode });
  return user;
}

async function audit(
  user: AuthUser,
  entry: { action: AuditAction; reportId: number; details: Record<string, string | number | null> },
) {
  await recordAudit(db, {
    actor: { id: user.id, email: user.email },
    action: entry.action,
    target: `report ${entry.reportId}`,
    details: entry.details,
    ip: getRequestIp(await headers()),
  });
}

function fields(form: FormData): Record<string, string> {
  return Object.fromEntries(
    [...form.entries()].filter(([key]) => !key.startsWith("$ACTION")).map(([k, v]) => [k, String(v)]),
  );
}

const correctionSchema = z.object({
  reportId: id,
  cellId: z.string().regex(/^t[234]\.[a-z_.]+$/, "单元格无效"),
  value: z
    .string()
    .trim()
    .transform((text) => text.replace(/[,，\s]/g, ""))
    .refine((text) => text === "" || /^-?\d+(\.\d+)?$/.test(text), "请输入数字（留空表示未填报）")
    .transform((text) => (text === "" ? null : Number(text))),
  reason,
});

export async function correctCellAction(_: ReviewActionState, form: FormData): Promise<ReviewActionState> {
  try {
    const input = correctionSchema.parse(fields(form));
    const user = await authorise(input.reportId, "correct");
    const result = await correctCell(db, { ...input, userId: user.id });
    await withTransaction(getPool(db), (client) => reopenReport(client, input.reportId));
    await audit(user, {
      action: "correction",
      reportId: input.reportId,
      details: { cell: input.cellId, old: result.oldValue, new: result.newValue, reason: input.reason },
    });
    revalidatePath(`/reports/${input.reportId}`);
    return { ok: true, message: `已更正：${result.oldValue ?? "空"} → ${result.newValue ?? "空"}` };
  } catch (error) {
    return describeFailure(error);
  }
}

const findingSchema = z.object({
  reportId: id,
  findingId: id,
  decision: z.enum(["confirmed", "dismissed"]),
  reason,
});

export async function resolveFindingAction(_: ReviewActionState, form: FormData): Promise<ReviewActionState> {
  try {
    const input = findingSchema.parse(fields(form));
    const user = await authorise(input.reportId, "correct");
    const finding = await resolveFinding(db, { ...input, userId: user.id });
    if (finding.reportId !== input.reportId) throw new AppError("FINDING_NOT_FOUND");
    await audit(user, {
      action: input.decision === "confirmed" ? "finding_confirm" : "finding_dismiss",
      reportId: input.reportId,
      details: { finding: finding.id, code: finding.code, reason: input.reason },
    });
    revalidatePath(`/reports/${input.reportId}`);
    return { ok: true, message: input.decision === "confirmed" ? "已确认：原文确实不一致" : "已排除" };
  } catch (error) {
    return describeFailure(error);
  }
}

export async function confirmReportAction(_: ReviewActionState, form: FormData): Promise<ReviewActionState> {
  try {
    const { reportId } = z.object({ reportId: id }).parse(fields(form));
    const user = await authorise(reportId, "confirm");
    await confirmReport(db, { reportId, userId: user.id });
    await audit(user, { action: "confirmation", reportId, details: {} });
    revalidatePath(`/reports/${reportId}`);
    return { ok: true, message: "报告已确认" };
  } catch (error) {
    return describeFailure(error);
  }
}

const refileSchema = z.object({
  reportId: id,
  agencyName: z.string().trim().max(100, "机关名称过长"),
  year: z.coerce.number().int().min(2019, "年度应为 2019 年及以后").max(2100, "年度无效"),
});

export async function refileReportAction(_: ReviewActionState, form: FormData): Promise<ReviewActionState> {
  try {
    const input = refileSchema.parse(fields(form));
    const user = await authorise(input.reportId, "correct");
    const result = await refileReport(db, {
      reportId: input.reportId,
      ...(input.agencyName ? { agency: { name: input.agencyName } } : {}),
      year: input.year,
      allow: (target) => assertCan(user, "correct", target),
    });
    await audit(user, {
      action: "report_refile",
      reportId: input.reportId,
      details: {
        fromAgency: result.from.agencyId,
        fromYear: result.from.year,
        toAgency: result.to.agencyName,
        toYear: result.to.year,
      },
    });
    revalidatePath(`/reports/${input.reportId}`);
    return {
      ok: true,
      message: `已改为 ${result.to.agencyName} · ${result.to.year} 年度（第 ${result.to.versionNo} 版）`,
    };
  } catch (error) {
    return describeFailure(error);
  }
}

export async function rereadTemplateAction(_: ReviewActionState, form: FormData): Promise<ReviewActionState> {
  let created: number;
  try {
    const input = z.object({ reportId: id, template: z.enum(["2019", "2021"]) }).parse(fields(form));
    const user = await authorise(input.reportId, "correct");
    const result = await rereadAsTemplate(db, input);
    await audit(user, {
      action: "report_reread",
      reportId: input.reportId,
      details: { template: input.template, newReport: result.reportId },
    });
    created = result.reportId;
  } catch (error) {
    return describeFailure(error);
  }
  redirect(`/reports/${created}`);
}
