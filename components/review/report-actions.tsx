"use client";
// What staff do to a report as a whole: 确认 it (once no finding is open), correct which agency and year it
// belongs to (an existing agency from the list, or any name), or have it read again as the other template.
import { confirmReportAction, refileReportAction, rereadTemplateAction } from "@/app/reports/[id]/actions";
import { FIELD, PRIMARY, SECONDARY } from "./form-styles";
import { ReviewActionForm } from "./review-action-form";

export function ReportActions({
  reportId,
  status,
  openFindings,
  agencyName,
  year,
  template,
  agencyChoices,
  canConfirm,
  canCorrect,
}: {
  reportId: number;
  status: "needs_review" | "confirmed";
  openFindings: number;
  agencyName: string;
  year: number;
  template: "2019" | "2021";
  agencyChoices: string[];
  canConfirm: boolean;
  canCorrect: boolean;
}) {
  return (
    <div className="grid gap-3 md:grid-cols-[minmax(0,1fr)_minmax(0,2fr)] md:items-start">
      {canConfirm && status === "needs_review" ? (
        <ReviewActionForm
          action={confirmReportAction}
          label="确认报告"
          className="rounded-lg border border-slate-200 bg-white p-3 text-sm"
        >
          <input type="hidden" name="reportId" value={reportId} />
          <p className="mb-2 text-slate-700">
            {openFindings > 0
              ? `还有 ${openFindings} 条问题待处理，处理完毕后才能确认。`
              : "问题均已处理，可以确认本报告。"}
          </p>
          <button type="submit" className={PRIMARY} disabled={openFindings > 0}>
            确认报告
          </button>
        </ReviewActionForm>
      ) : null}
      {canCorrect ? (
        <details className="rounded-lg border border-slate-200 bg-white p-3 text-sm">
          <summary className="cursor-pointer font-medium text-slate-800">
            修改所属机关、年度或模板版本
          </summary>
          <div className="mt-3 grid gap-3 sm:grid-cols-2">
            <ReviewActionForm
              action={refileReportAction}
              label="修改机关和年度"
              className="grid gap-2 rounded border border-slate-100 p-2 text-sm"
            >
              <input type="hidden" name="reportId" value={reportId} />
              <label className="text-xs text-slate-700">
                所属机关（从列表选择或输入全称）
                <input
                  name="agencyName"
                  list="agency-choices"
                  defaultValue={agencyName}
                  maxLength={100}
                  className={FIELD}
                />
              </label>
              <datalist id="agency-choices">
                {agencyChoices.map((name) => (
                  <option key={name} value={name} />
                ))}
              </datalist>
              <label className="text-xs text-slate-700">
                报告年度
                <input
                  name="year"
                  type="number"
                  min={2019}
                  max={2100}
                  defaultValue={year}
                  className={FIELD}
                />
              </label>
              <button type="submit" className={SECONDARY}>
                保存机关和年度
              </button>
            </ReviewActionForm>

            <ReviewActionForm
              action={rereadTemplateAction}
              label="更改模板版本"
              className="grid gap-2 rounded border border-slate-100 p-2 text-sm"
            >
              <input type="hidden" name="reportId" value={reportId} />
              <p className="text-xs text-slate-700">
                当前按 {template}{" "}
                版模板读取。若模板识别有误，可按另一版本重新读取原文，生成新版本（本版本保留）。
              </p>
              <input type="hidden" name="template" value={template === "2021" ? "2019" : "2021"} />
              <button type="submit" className={SECONDARY}>
                按 {template === "2021" ? "2019" : "2021"} 版模板重新读取
              </button>
            </ReviewActionForm>
          </div>
        </details>
      ) : null}
    </div>
  );
}
