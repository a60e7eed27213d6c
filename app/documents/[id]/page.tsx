import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { FIELD, PRIMARY } from "@/components/review/form-styles";
import { ReviewActionForm } from "@/components/review/review-action-form";
import { formatTime } from "@/components/review/format-time";
import { requireUser } from "@/lib/auth/current-user";
import { can } from "@/lib/auth/permissions";
import { db } from "@/lib/db";
import { getDocument } from "@/lib/queries/get-document";
import { completeDocumentAction } from "./actions";

export const metadata: Metadata = { title: "文件" };

const STATUS_LABELS = {
  accepted: "已生成报告",
  rejected: "未通过",
  needs_agency: "待补充机关",
  needs_year: "待补充年度",
} as const;

type Props = { params: Promise<{ id: string }> };

export default async function DocumentPage({ params }: Props) {
  const parsed = z
    .object({
      id: z.coerce
        .number()
        .int()
        .positive()
        .max(2 ** 31 - 1),
    })
    .safeParse(await params);
  if (!parsed.success) notFound();
  const user = await requireUser();
  const document = await getDocument(db, parsed.data.id);
  if (!document) notFound();
  const reports = document.reports;
  const reading = document.reading.ok ? document.reading : null;
  const refused = document.status === "rejected" && document.errorCode === "OUT_OF_REGION";
  const completable = document.status === "needs_agency" || document.status === "needs_year" || refused;
  const findings = reading?.findings.filter((finding) => finding.code !== "AGENCY_UNRESOLVED") ?? [];
  return (
    <section className="space-y-5">
      <p className="text-sm text-slate-600">
        <Link href="/review" className="text-sky-700 underline">
          待核对
        </Link>{" "}
        › 文件
      </p>
      <h1 className="break-all text-2xl font-semibold text-slate-900">{document.fileName}</h1>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-500">状态</dt>
        <dd className="font-medium">{STATUS_LABELS[document.status]}</dd>
        {document.errorMessage ? (
          <>
            <dt className="text-slate-500">原因</dt>
            <dd className="text-rose-800">
              {document.errorMessage}（{document.errorCode}）
            </dd>
          </>
        ) : null}
        <dt className="text-slate-500">上传</dt>
        <dd>
          {formatTime(document.uploadedAt)} · {document.uploadedBy?.name ?? "导入"} ·{" "}
          {(document.size / 1024).toFixed(0)} KB
        </dd>
        <dt className="text-slate-500">识别到的机关</dt>
        <dd>{document.agency?.name ?? reading?.agency.name ?? document.agencyAsPrinted ?? "未识别"}</dd>
        <dt className="text-slate-500">识别到的年度</dt>
        <dd>{document.year ?? reading?.year ?? "未识别"}</dd>
        <dt className="text-slate-500">原文件</dt>
        <dd>
          <a href={`/api/documents/${document.id}/file`} className="text-sky-700 underline">
            下载
          </a>
        </dd>
      </dl>
      {reports.length > 0 ? (
        <p className="text-sm">
          由此文件生成的报告：
          {reports.map((report) => (
            <Link key={report.id} href={`/reports/${report.id}`} className="mr-2 text-sky-700 underline">
              第 {report.versionNo} 版{report.isCurrent ? "（当前）" : ""}
            </Link>
          ))}
        </p>
      ) : null}
      {findings.length > 0 ? (
        <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
          {findings.map((finding, index) => (
            <li key={index}>{finding.message}</li>
          ))}
        </ul>
      ) : null}
      {completable && can(user, "correct") ? (
        <ReviewActionForm
          action={completeDocumentAction}
          label="补充机关和年度"
          className="grid max-w-xl gap-3 rounded-lg border border-slate-200 bg-white p-4 text-sm"
        >
          <p className="text-slate-700">
            {refused
              ? "该报告属于其他地区，未生成报告。负责该地区的人员可核实后生成报告。"
              : "补充报告所属机关和年度后，系统将据此生成报告并进行勾稽校验。"}
          </p>
          <input type="hidden" name="documentId" value={document.id} />
          <label className="text-xs text-slate-700">
            所属机关全称{document.status === "needs_agency" ? "（必填）" : ""}
            <input
              name="agencyName"
              required={document.status === "needs_agency"}
              maxLength={100}
              defaultValue={document.agency?.name ?? reading?.agency.name ?? document.agencyAsPrinted ?? ""}
              className={FIELD}
              placeholder="例：漯河市郾城区裴城镇人民政府"
            />
          </label>
          <label className="text-xs text-slate-700">
            报告年度{document.status === "needs_year" ? "（必填）" : ""}
            <input
              name="year"
              inputMode="numeric"
              required={document.status === "needs_year"}
              defaultValue={document.year ?? reading?.year ?? ""}
              className={FIELD}
              placeholder="例：2023"
            />
          </label>
          <button type="submit" className={PRIMARY}>
            {refused ? "核实无误，生成报告" : "保存并生成报告"}
          </button>
        </ReviewActionForm>
      ) : null}
    </section>
  );
}
