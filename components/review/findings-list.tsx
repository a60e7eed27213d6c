"use client";
// The report's findings, open ones first: what is wrong in words, the cells concerned (each selects its
// cell), and — for staff allowed on this report — settling it with a reason: 确认 (the original really is
// inconsistent) or 排除 (not a problem). Settled findings show who settled them, when and why.
import { resolveFindingAction } from "@/app/reports/[id]/actions";
import type { ReviewFinding } from "@/lib/queries/get-report-review";
import { formatTime } from "./format-time";
import { FIELD, SECONDARY } from "./form-styles";
import { ReviewActionForm } from "./review-action-form";

const KIND_LABELS = { inconsistent: "数据不一致", uncertain: "识别不确定" } as const;
const STATUS_LABELS = { open: "待处理", confirmed: "已确认（原文如此）", dismissed: "已排除" } as const;

export function FindingsList({
  reportId,
  findings,
  labels,
  canResolve,
  onSelect,
}: {
  reportId: number;
  findings: readonly ReviewFinding[];
  labels: Record<string, string>;
  canResolve: boolean;
  onSelect: (cellId: string) => void;
}) {
  if (findings.length === 0)
    return (
      <p className="rounded border border-emerald-200 bg-emerald-50 p-3 text-sm text-emerald-900">
        未发现问题。
      </p>
    );
  return (
    <ol className="space-y-2" aria-label="问题">
      {findings.map((finding) => (
        <li
          key={finding.id}
          className={`rounded border p-3 text-sm ${finding.status === "open" ? (finding.kind === "inconsistent" ? "border-rose-300 bg-rose-50/50" : "border-amber-300 bg-amber-50/50") : "border-slate-200 bg-white text-slate-600"}`}
        >
          <p className="flex flex-wrap items-center gap-2">
            <span className="rounded bg-white px-1.5 py-0.5 text-xs font-medium ring-1 ring-slate-300">
              {KIND_LABELS[finding.kind]}
            </span>
            <span className="text-xs text-slate-500">
              {finding.code} · {STATUS_LABELS[finding.status]}
            </span>
          </p>
          <p className="mt-1 text-slate-900">{finding.message}</p>
          {finding.cellIds.length > 0 ? (
            <p className="mt-1 flex flex-wrap gap-1">
              {finding.cellIds.map((cellId) => (
                <button
                  key={cellId}
                  type="button"
                  onClick={() => onSelect(cellId)}
                  className="rounded bg-white px-1.5 py-0.5 text-xs text-sky-800 ring-1 ring-sky-200 hover:bg-sky-50"
                >
                  {labels[cellId] ?? cellId}
                </button>
              ))}
            </p>
          ) : null}
          {finding.status !== "open" ? (
            <p className="mt-1 text-xs">
              {finding.resolvedBy ?? "—"} 于 {formatTime(finding.resolvedAt)}：
              {finding.resolutionReason ?? ""}
            </p>
          ) : canResolve ? (
            <ReviewActionForm
              action={resolveFindingAction}
              label={`处理问题 ${finding.id}`}
              className="mt-2 flex flex-wrap items-end gap-2"
            >
              <input type="hidden" name="reportId" value={reportId} />
              <input type="hidden" name="findingId" value={finding.id} />
              <label className="min-w-0 flex-1 basis-48 text-xs text-slate-700">
                处理理由
                <input
                  name="reason"
                  required
                  maxLength={500}
                  className={FIELD}
                  placeholder="例：原文表三总计确为 18"
                />
              </label>
              <button type="submit" name="decision" value="confirmed" className={SECONDARY}>
                确认原文不一致
              </button>
              <button type="submit" name="decision" value="dismissed" className={SECONDARY}>
                排除
              </button>
            </ReviewActionForm>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
