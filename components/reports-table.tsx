import { formatRegion } from "@/components/format-region";
import type { ReportListRow } from "@/lib/queries/list-reports";

const STATUS_LABELS: Record<ReportListRow["status"], string> = {
  needs_review: "待核对",
  confirmed: "已确认",
};

const STATUS_STYLES: Record<ReportListRow["status"], string> = {
  needs_review: "bg-amber-50 text-amber-800 ring-amber-200",
  confirmed: "bg-emerald-50 text-emerald-800 ring-emerald-200",
};

/** The loaded reports, one row per current report version; an explicit empty state when there are none. */
export function ReportsTable({ rows }: { rows: ReportListRow[] }) {
  if (rows.length === 0) {
    return (
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600">
        <p className="font-medium text-slate-800">还没有导入任何报告。</p>
        <p className="mt-1 text-sm">报告上传后会列在这里，包括识别出的机构、地区、年度和待处理问题。</p>
      </div>
    );
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
      <table aria-label="已导入的报告" className="min-w-[44rem] w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              机构
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              类型
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              地区
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              年度
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              模板
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              待处理问题
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              状态
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={row.reportId} className="align-top hover:bg-slate-50">
              <td className="px-4 py-3">
                <div className="font-medium text-slate-900">{row.agencyName}</div>
                {row.asPrinted && row.asPrinted !== row.agencyName ? (
                  <div className="mt-0.5 text-xs text-slate-500">报告中写作：{row.asPrinted}</div>
                ) : null}
              </td>
              <td className="px-4 py-3 whitespace-nowrap text-slate-700">{row.kind}</td>
              <td className="px-4 py-3 text-slate-700">{formatRegion(row.region) ?? "未识别"}</td>
              <td className="px-4 py-3 text-right tabular-nums">{row.year}</td>
              <td className="px-4 py-3 whitespace-nowrap">{row.template} 版</td>
              <td className="px-4 py-3 text-right tabular-nums">{row.findingCount}</td>
              <td className="px-4 py-3 whitespace-nowrap">
                <span className={`rounded-full px-2 py-0.5 text-xs ring-1 ${STATUS_STYLES[row.status]}`}>
                  {STATUS_LABELS[row.status]}
                </span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
