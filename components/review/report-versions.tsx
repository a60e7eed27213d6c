// The versions of one agency × year, newest first — uploader and date, which one is current — and a form
// to compare any two cell by cell.
import Link from "next/link";
import type { ReportReview } from "@/lib/queries/get-report-review";
import { formatTime } from "./format-time";

export function ReportVersions({ review }: { review: ReportReview }) {
  const { versions } = review;
  const other = versions.find((version) => version.reportId !== review.id);
  return (
    <div className="space-y-3">
      <ul className="divide-y divide-slate-100 rounded border border-slate-200 bg-white text-sm">
        {versions.map((version) => (
          <li key={version.reportId} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 px-3 py-2">
            <Link href={`/reports/${version.reportId}`} className="font-medium text-sky-700 underline">
              第 {version.versionNo} 版
            </Link>
            {version.isCurrent ? (
              <span className="rounded bg-emerald-50 px-1.5 text-xs text-emerald-800">当前版本</span>
            ) : null}
            {version.reportId === review.id ? <span className="text-xs text-slate-500">（本页）</span> : null}
            <span className="text-slate-600">
              {version.template} 版模板 · {version.status === "confirmed" ? "已确认" : "待核对"}
            </span>
            <span className="text-slate-500">
              {formatTime(version.createdAt)} · {version.uploadedBy ?? "导入"} ·{" "}
              <span className="break-all">{version.fileName}</span>
            </span>
          </li>
        ))}
      </ul>
      {other ? (
        <form
          method="get"
          action={`/reports/${review.id}/diff`}
          className="flex flex-wrap items-end gap-2 text-sm"
          aria-label="比较版本"
        >
          <label className="text-xs text-slate-700">
            从
            <select
              name="from"
              defaultValue={other.reportId}
              className="mt-1 block rounded border border-slate-300 px-2 py-1 text-sm"
            >
              {versions.map((version) => (
                <option key={version.reportId} value={version.reportId}>
                  第 {version.versionNo} 版
                </option>
              ))}
            </select>
          </label>
          <label className="text-xs text-slate-700">
            到
            <select
              name="to"
              defaultValue={review.id}
              className="mt-1 block rounded border border-slate-300 px-2 py-1 text-sm"
            >
              {versions.map((version) => (
                <option key={version.reportId} value={version.reportId}>
                  第 {version.versionNo} 版
                </option>
              ))}
            </select>
          </label>
          <button
            type="submit"
            className="rounded border border-slate-300 bg-white px-3 py-1.5 hover:bg-slate-100"
          >
            逐格比较
          </button>
        </form>
      ) : (
        <p className="text-sm text-slate-600">该机关该年度只有这一个版本。</p>
      )}
    </div>
  );
}
