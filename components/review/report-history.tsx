// The report's history on its page: its upload, every correction (old → new, reason), every finding
// settled (confirmed or dismissed, reason) and its confirmation — who and when, newest first. The same
// acts are in the audit log.
import type { ReportReview } from "@/lib/queries/get-report-review";
import { formatTime } from "./format-time";

interface HistoryEntry {
  at: string;
  who: string | null;
  what: string;
}

export function ReportHistory({ review, labels }: { review: ReportReview; labels: Record<string, string> }) {
  const entries: HistoryEntry[] = [
    {
      at: review.document.uploadedAt,
      who: review.document.uploadedBy,
      what: `上传 ${review.document.fileName}`,
    },
    ...review.corrections.map((c) => ({
      at: c.correctedAt,
      who: c.correctedBy,
      what: `更正 ${labels[c.cellId] ?? c.cellId}：${c.oldValue ?? "空"} → ${c.newValue ?? "空"}（理由：${c.reason}）`,
    })),
    ...review.findings
      .filter((f) => f.status !== "open" && f.resolvedAt)
      .map((f) => ({
        at: f.resolvedAt!,
        who: f.resolvedBy,
        what: `${f.status === "confirmed" ? "确认问题（原文确实不一致）" : "排除问题"} ${f.code}（理由：${f.resolutionReason ?? ""}）`,
      })),
    ...(review.confirmedAt ? [{ at: review.confirmedAt, who: review.confirmedBy, what: "确认报告" }] : []),
  ].sort((a, b) => b.at.localeCompare(a.at));
  return (
    <ol className="space-y-1 text-sm" aria-label="处理记录">
      {entries.map((entry, index) => (
        <li key={index} className="flex flex-wrap gap-x-3 border-b border-slate-100 py-1">
          <span className="whitespace-nowrap text-slate-500">{formatTime(entry.at)}</span>
          <span className="text-slate-700">{entry.who ?? "系统"}</span>
          <span className="min-w-0 flex-1 basis-64 break-words text-slate-900">{entry.what}</span>
        </li>
      ))}
    </ol>
  );
}
