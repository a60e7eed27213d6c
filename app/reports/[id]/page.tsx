import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { labelCells } from "@/components/review/cell-labels";
import { ReportActions } from "@/components/review/report-actions";
import { ReportHistory } from "@/components/review/report-history";
import { ReportVersions } from "@/components/review/report-versions";
import { ReviewWorkspace } from "@/components/review/review-workspace";
import { layoutTemplate } from "@/components/review/template-layout";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { locateInWorker } from "@/lib/ingest/reader-pool";
import { getDocumentFile } from "@/lib/queries/get-document-file";
import { getReportReview } from "@/lib/queries/get-report-review";
import { listAgencyChoices } from "@/lib/queries/list-agency-choices";
import type { TemplateVersion } from "@/lib/reader/types";

export const metadata: Metadata = { title: "核对报告" };

const paramsSchema = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31 - 1),
});

type Props = { params: Promise<{ id: string }> };

export default async function ReportReviewPage({ params }: Props) {
  const parsed = paramsSchema.safeParse(await params);
  if (!parsed.success) notFound();
  const user = await requireUser();
  const review = await getReportReview(db, parsed.data.id);
  if (!review) notFound();
  const scope = { regionCode: review.agency.regionCode };
  const canCorrect = can(user, "correct", scope);
  const canConfirm = can(user, "confirm", scope);
  const agencyChoices = canCorrect ? await listAgencyChoices(db, scope) : [];
  const open = review.findings.filter((finding) => finding.status === "open").length;
  return (
    <section className="space-y-6">
      <header>
        <p className="text-sm text-slate-600">
          <Link href="/review" className="text-sky-700 underline">
            待核对
          </Link>{" "}
          › 核对报告
        </p>
        <h1 className="mt-1 break-words text-2xl font-semibold text-slate-900">
          {review.agency.name} · {review.year} 年度
        </h1>
        <p className="mt-1 flex flex-wrap gap-x-3 text-sm text-slate-600">
          <span>{review.agency.regionNames.join(" ") || "地区未识别"}</span>
          <span>{review.template} 版模板</span>
          <span>
            第 {review.versionNo} 版{review.isCurrent ? "（当前版本）" : "（已被新版本取代）"}
          </span>
          <span className={review.status === "confirmed" ? "text-emerald-700" : "text-amber-700"}>
            {review.status === "confirmed" ? `已确认（${review.confirmedBy ?? "—"}）` : "待核对"}
          </span>
          {review.document.agencyAsPrinted && review.document.agencyAsPrinted !== review.agency.name ? (
            <span>报告中写作：{review.document.agencyAsPrinted}</span>
          ) : null}
        </p>
      </header>
      <ReportActions
        reportId={review.id}
        status={review.status}
        openFindings={open}
        agencyName={review.agency.name}
        year={review.year}
        template={review.template}
        agencyChoices={agencyChoices}
        canConfirm={canConfirm}
        canCorrect={canCorrect}
      />
      <ReviewWorkspace
        review={review}
        layout={layoutTemplate(review.template)}
        labels={labelCells(review.template)}
        canCorrect={canCorrect}
        positions={locatePositions(review.document.id, review.template)}
      />
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="mb-2 text-base font-semibold text-slate-900">
          版本
        </h2>
        <ReportVersions review={review} />
      </section>
      <section aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-2 text-base font-semibold text-slate-900">
          处理记录
        </h2>
        <ReportHistory review={review} labels={labelCells(review.template)} />
      </section>
    </section>
  );
}

/** Where each cell was printed, read from the stored file in the reader pool; the page streams it in. */
async function locatePositions(documentId: number, template: TemplateVersion) {
  try {
    const file = await getDocumentFile(db, documentId);
    return file ? await locateInWorker(file.bytes, file.fileName, { template }) : null;
  } catch {
    return null;
  }
}
