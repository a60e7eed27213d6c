// What the 导出 page's choices make: how many reports (agency × year) and at most how many rows, and the
// download links. An unknown region or cell id is said in Chinese instead of offering an empty file.
import { Section } from "@/components/ui/section";
import { db } from "@/lib/db";
import { isAppError } from "@/lib/api/app-error";
import { buildExportHref, type ExportFilters } from "@/lib/export/build-export-href";
import type { ExportFormat } from "@/lib/export/export-query";
import { resolveCellSelection } from "@/lib/export/resolve-cell-selection";
import { countExportReports, resolveExportSelection } from "@/lib/export/resolve-export-selection";
import { MAX_SHEET_ROWS } from "@/lib/export/stream-xlsx-export";
import { METRICS, type MetricId } from "@/lib/metrics/metric-dictionary";

const DOWNLOAD =
  "inline-flex items-center rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800";

export async function ExportPreview({
  filters,
  choices,
}: {
  filters: ExportFilters;
  choices: { format: ExportFormat; cells?: string[]; metrics?: MetricId[] };
}) {
  let reports: number;
  let cellCount: number;
  try {
    cellCount = choices.cells ? resolveCellSelection(choices.cells).length : 0;
    reports = await countExportReports(db, (await resolveExportSelection(db, filters)).selection);
  } catch (error) {
    if (!isAppError(error)) throw error;
    return (
      <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
        无法导出：{error.message}
      </p>
    );
  }
  const everything = !choices.cells && !choices.metrics;
  const perReport =
    choices.format === "wide"
      ? 1
      : choices.metrics
        ? choices.metrics.length
        : everything
          ? resolveCellSelection(undefined).length
          : cellCount;
  const rows = reports * perReport;
  const columns =
    choices.format === "wide"
      ? `${everything ? resolveCellSelection(undefined).length : cellCount} 个单元格、${everything ? METRICS.length : (choices.metrics?.length ?? 0)} 个指标`
      : null;
  const link = { ...choices, format: choices.format };
  return (
    <Section
      title="下载"
      description={
        <>
          所选范围内有 <strong>{reports.toLocaleString("zh-CN")}</strong> 份报告（机构 × 年度），
          {choices.format === "wide"
            ? `宽表共 ${rows.toLocaleString("zh-CN")} 行（${columns}）。`
            : `明细至多 ${rows.toLocaleString("zh-CN")} 行（2019 年版模板的单元格较少）。`}
          {choices.format === "long" && rows > MAX_SHEET_ROWS
            ? " Excel 每个工作表最多约 104 万行，超出部分接续在下一个工作表。"
            : ""}
        </>
      }
    >
      {reports === 0 ? (
        <p className="text-sm text-slate-600">没有可导出的报告，请换一个年度、地区或机构类型。</p>
      ) : (
        <div className="flex flex-wrap gap-3">
          <a className={DOWNLOAD} href={buildExportHref(filters, { ...link, type: "csv" })} download>
            下载 CSV
          </a>
          <a className={DOWNLOAD} href={buildExportHref(filters, { ...link, type: "xlsx" })} download>
            下载 Excel
          </a>
        </div>
      )}
    </Section>
  );
}
