"use client";
// The selected cell: where it sits in the template, its value as it stands and as read (the printed text,
// whether the sums forced it), the findings and corrections concerning it, and — for staff allowed on this
// report — a correction with its required reason.
import { correctCellAction } from "@/app/reports/[id]/actions";
import type { StoredCell } from "@/lib/ingest/read-report-cells";
import type { ReviewCorrection, ReviewFinding } from "@/lib/queries/get-report-review";
import { formatCellValue } from "./cell-states";
import { formatTime } from "./format-time";
import { FIELD, PRIMARY } from "./form-styles";
import { ReviewActionForm } from "./review-action-form";

export function CellPanel({
  reportId,
  cellId,
  label,
  cell,
  findings,
  corrections,
  canCorrect,
  onClose,
}: {
  reportId: number;
  cellId: string;
  label: string;
  cell: StoredCell | undefined;
  findings: readonly ReviewFinding[];
  corrections: readonly ReviewCorrection[];
  canCorrect: boolean;
  onClose: () => void;
}) {
  return (
    <section
      aria-label="所选单元格"
      className="rounded-lg border border-sky-300 bg-white p-3 text-sm shadow-sm"
    >
      <div className="flex items-start justify-between gap-2">
        <h2 className="font-medium text-slate-900">{label}</h2>
        <button
          type="button"
          onClick={onClose}
          className="text-xs text-slate-500 hover:text-slate-800"
          aria-label="关闭"
        >
          关闭
        </button>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-xs">
        <dt className="text-slate-500">当前值</dt>
        <dd className="font-medium tabular-nums text-slate-900">
          {formatCellValue(cell)}
          {cell?.unit ? ` ${cell.unit}` : ""}
        </dd>
        <dt className="text-slate-500">原文</dt>
        <dd>{cell?.printedText ?? (cell?.inferred ? "（原文空白，按勾稽关系推算）" : "（空白）")}</dd>
        {cell?.corrected ? (
          <>
            <dt className="text-slate-500">识别值</dt>
            <dd className="tabular-nums">{cell.readValue ?? "—"}</dd>
          </>
        ) : null}
      </dl>
      {findings.length > 0 ? (
        <ul className="mt-2 space-y-1 text-xs">
          {findings.map((finding) => (
            <li
              key={finding.id}
              className={finding.kind === "inconsistent" ? "text-rose-800" : "text-amber-800"}
            >
              {finding.message}
            </li>
          ))}
        </ul>
      ) : null}
      {corrections.length > 0 ? (
        <ul
          className="mt-2 space-y-1 border-t border-slate-100 pt-2 text-xs text-slate-600"
          aria-label="更正记录"
        >
          {corrections.map((correction) => (
            <li key={correction.id}>
              {formatTime(correction.correctedAt)} {correction.correctedBy ?? "—"}：
              {correction.oldValue ?? "空"} → {correction.newValue ?? "空"}（{correction.reason}）
            </li>
          ))}
        </ul>
      ) : null}
      {canCorrect ? (
        <ReviewActionForm
          key={cellId}
          action={correctCellAction}
          label="更正单元格"
          className="mt-3 grid gap-2 border-t border-slate-100 pt-2 sm:grid-cols-[8rem_1fr_auto] sm:items-end"
        >
          <input type="hidden" name="reportId" value={reportId} />
          <input type="hidden" name="cellId" value={cellId} />
          <label className="text-xs text-slate-700">
            正确的值
            <input
              name="value"
              inputMode="decimal"
              defaultValue={cell?.value ?? ""}
              className={`${FIELD} text-right tabular-nums`}
              aria-describedby="value-help"
            />
          </label>
          <label className="text-xs text-slate-700">
            更正理由（必填）
            <input
              name="reason"
              required
              maxLength={500}
              className={FIELD}
              placeholder="例：核对原文，该格印为 18"
            />
          </label>
          <button type="submit" className={PRIMARY}>
            更正
          </button>
          <p id="value-help" className="text-xs text-slate-500 sm:col-span-3">
            留空表示原文未填报。更正后重新进行勾稽校验，原识别值保留。
          </p>
        </ReviewActionForm>
      ) : null}
    </section>
  );
}
