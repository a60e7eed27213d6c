// The rows of 待核对: each report or document with its agency, region, year, what needs looking at, and a
// link to where it is handled (the report's review page, the document's page).
import Link from "next/link";
import type { ReviewQueueRow } from "@/lib/queries/list-review-queue";
import { formatTime } from "./format-time";

function describeRow(row: ReviewQueueRow): string {
  if (row.kind === "document") return row.status === "needs_agency" ? "待补充机关" : "待补充年度";
  const parts = [
    row.inconsistent ? `${row.inconsistent} 处不一致` : null,
    row.uncertain ? `${row.uncertain} 处不确定` : null,
  ];
  return parts.filter(Boolean).join("，");
}

export function ReviewQueueTable({ rows }: { rows: ReviewQueueRow[] }) {
  if (rows.length === 0)
    return (
      <p className="rounded-lg border border-dashed border-slate-300 bg-white p-6 text-center text-slate-600">
        没有待核对的报告或文件。
      </p>
    );
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label="待核对">
        <thead className="bg-slate-100 text-left text-slate-700">
          <tr>
            <th className="px-3 py-2 font-medium">机关</th>
            <th className="px-3 py-2 font-medium">地区</th>
            <th className="px-3 py-2 text-right font-medium">年度</th>
            <th className="px-3 py-2 font-medium">待处理</th>
            <th className="px-3 py-2 font-medium">上传时间</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => (
            <tr key={`${row.kind}-${row.id}`} className="align-top">
              <td className="px-3 py-2">
                <Link
                  href={row.kind === "report" ? `/reports/${row.id}` : `/documents/${row.id}`}
                  className="font-medium text-sky-700 underline"
                >
                  {row.agencyName ?? row.asPrinted ?? row.fileName}
                </Link>
                <div className="break-all text-xs text-slate-500">{row.fileName}</div>
              </td>
              <td className="px-3 py-2 text-slate-700">{row.regionNames.join(" ") || "—"}</td>
              <td className="px-3 py-2 text-right tabular-nums">{row.year ?? "—"}</td>
              <td className="px-3 py-2 text-slate-800">{describeRow(row)}</td>
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{formatTime(row.uploadedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
