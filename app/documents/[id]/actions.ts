"use server";
// Completing a document the reader could not place (needs_agency / needs_year), or accepting one refused
// as another region's: staff name the agency and/or the year, and the document becomes a report. A staff
// member limited to regions may only name an agency inside them.
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getRequestIp } from "@/lib/auth/auth";
import { assertCan } from "@/lib/auth/assert-can";
import { recordAudit } from "@/lib/auth/audit";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { getPool } from "@/lib/db/create-client";
import { completeDocument } from "@/lib/ingest/complete-document";
import { findAgencyRegion } from "@/lib/ingest/find-agency-region";
import { getDocument } from "@/lib/queries/get-document";
import { resolveAgency } from "@/lib/reader/region/resolve-agency";
import { AppError } from "@/lib/api/app-error";
import { describeFailure, type ReviewActionState } from "@/components/review/review-action-state";

const EMPTY_CODES = { province: null, city: null, county: null, town: null };

const schema = z.object({
  documentId: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
  agencyName: z.string().trim().max(100, "机关名称过长"),
  year: z
    .string()
    .trim()
    .refine((text) => text === "" || /^\d{4}$/.test(text), "年度应为四位数字")
    .transform((text) => (text === "" ? undefined : Number(text)))
    .refine((year) => year === undefined || (year >= 2019 && year <= 2100), "年度应为 2019 年及以后"),
});

export async function completeDocumentAction(
  _: ReviewActionState,
  form: FormData,
): Promise<ReviewActionState> {
  let reportId: number | null;
  try {
    const input = schema.parse({
      documentId: form.get("documentId"),
      agencyName: form.get("agencyName") ?? "",
      year: form.get("year") ?? "",
    });
    const user = await requireUser();
    const document = await getDocument(db, input.documentId);
    if (!document) throw new AppError("DOCUMENT_NOT_FOUND");
    // The agency the document will be filed under decides the region check.
    const agencyName = input.agencyName || document.agency?.name || "";
    const reading = document.reading.ok ? document.reading : null;
    const resolved = agencyName ? resolveAgency({ asPrinted: agencyName, text: "" }) : null;
    const regionCode = agencyName
      ? await findAgencyRegion(getPool(db), {
          agency: { name: resolved?.agency.name ?? agencyName },
          regionCodes: resolved?.agency.name ? resolved.regionCodes : (reading?.regionCodes ?? EMPTY_CODES),
        })
      : null;
    assertCan(user, "correct", { regionCode });
    const outcome = await completeDocument(db, {
      documentId: input.documentId,
      ...(input.agencyName ? { agencyName: input.agencyName } : {}),
      ...(input.year !== undefined ? { year: input.year } : {}),
    });
    await recordAudit(db, {
      actor: { id: user.id, email: user.email },
      action: "document_complete",
      target: `document ${input.documentId}`,
      details: { agency: input.agencyName || null, year: input.year ?? null, reportId: outcome.reportId },
      ip: getRequestIp(await headers()),
    });
    reportId = outcome.reportId;
  } catch (error) {
    return describeFailure(error);
  }
  if (reportId !== null) redirect(`/reports/${reportId}`);
  return { ok: true, message: "已保存，仍需补充年度" };
}
