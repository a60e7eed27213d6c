// 导出 CSV / 导出 Excel for a view's toolbar: plain download links to /api/export with the filters the view
// was drawn with, and 更多选项 — the 导出 page with the same filters, to choose cells, metrics and layout.
// Shown only to those allowed to export (the route checks again).
import Link from "next/link";
import type { Principal } from "@/lib/auth/permissions";
import { can } from "@/lib/auth/permissions";
import {
  buildExportHref,
  buildExportParams,
  type ExportChoices,
  type ExportFilters,
} from "@/lib/export/build-export-href";

const BUTTON =
  "inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-blue-700";

export function ExportButtons({
  user,
  filters,
  choices = { format: "wide" },
}: {
  user: Principal;
  filters: ExportFilters;
  choices?: Omit<ExportChoices, "type">;
}) {
  if (!can(user, "export")) return null;
  return (
    <>
      <a className={BUTTON} href={buildExportHref(filters, { ...choices, type: "csv" })} download>
        导出 CSV
      </a>
      <a className={BUTTON} href={buildExportHref(filters, { ...choices, type: "xlsx" })} download>
        导出 Excel
      </a>
      <Link
        className="inline-flex items-center px-1 py-1.5 text-sm text-blue-800 underline-offset-2 hover:underline"
        href={`/export?${buildExportParams(filters, choices).toString()}`}
      >
        更多导出选项
      </Link>
    </>
  );
}

/** The filters that decide a dashboard view's rows: its year (the URL's or the latest), region and kinds. */
export function viewExportFilters(view: {
  year: number | null;
  region: { code: string } | null;
  filters: { kind?: ExportFilters["kind"] };
}): ExportFilters {
  return { year: view.year ?? undefined, region: view.region?.code, kind: view.filters.kind };
}
