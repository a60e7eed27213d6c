import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { labelCells } from "@/components/review/cell-labels";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { diffReportVersions } from "@/lib/queries/diff-report-versions";
import { getReportReview } from "@/lib/queries/get-report-review";

export const metadata: Metadata = { title: "版本比较" };

const reportId = z.coerce
  .number()
  .int()
  .positive()
  .max(2 ** 31 - 1);

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export default async function VersionDiffPage({ params, searchParams }: Props) {
  await requireUser();
  const parsed = z
    .object({ id: reportId, from: reportId, to: reportId })
    .safeParse({ ...(await searchParams), ...(await params) });
  if (!parsed.success) notFound();
  const { id, from, to } = parsed.data;
  const review = await getReportReview(db, id);
  if (!review) notFound();
  const fromVersion = review.versions.find((version) => version.reportId === from);
  const toVersion = review.versions.find((version) => version.reportId === to);
  // Only versions of the same agency × year are compared here.
  if (!fromVersion || !toVersion) notFound();
  const changes = await diffReportVersions(db, { fromReportId: from, toReportId: to });
  const labels = labelCells(toVersion.template);
  const show = (value: number | null, corrected: boolean) =>
    `${value === null ? "—" : value.toLocaleString("zh-CN")}${corrected ? "（已更正）" : ""}`;
  return (
    <section className="space-y-4">
      <p className="text-sm text-slate-600">
        <Link href={`/reports/${id}`} className="text-sky-700 underline">
          {review.agency.name} · {review.year} 年度
        </Link>{" "}
        › 版本比较
      </p>
      <h1 className="text-2xl font-semibold text-slate-900">
        第 {fromVersion.versionNo} 版 → 第 {toVersion.versionNo} 版
      </h1>
      <p className="text-sm text-slate-600">
        {changes.length === 0
          ? "两个版本的所有单元格（含人工更正）完全相同。"
          : `共 ${changes.length} 个单元格不同（含人工更正）。`}
      </p>
      {changes.length > 0 ? (
        <div className="overflow-x-auto rounded border border-slate-200 bg-white">
          <table className="min-w-full text-sm" aria-label="不同的单元格">
            <thead className="bg-slate-100 text-left text-slate-700">
              <tr>
                <th className="px-3 py-2 font-medium">单元格</th>
                <th className="px-3 py-2 text-right font-medium">第 {fromVersion.versionNo} 版</th>
                <th className="px-3 py-2 text-right font-medium">第 {toVersion.versionNo} 版</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {changes.map((change) => (
                <tr key={change.cellId}>
                  <td className="px-3 py-1.5">{labels[change.cellId] ?? change.cellId}</td>
                  <td className="px-3 py-1.5 text-right tabular-nums">
                    {show(change.from, change.fromCorrected)}
                  </td>
                  <td className="px-3 py-1.5 text-right tabular-nums">
                    {show(change.to, change.toCorrected)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
