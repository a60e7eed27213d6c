// Cell constructors shared by the table builders of the rendered test reports.
import type { ReportToRender, TableCell } from "@/lib/reader/testing/report-document";

export function formatCellValue(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

export const header = (text: string, colspan = 1, rowspan = 1): TableCell => ({
  text,
  role: "header",
  colspan,
  rowspan,
});
export const label = (text: string, colspan = 1, rowspan = 1): TableCell => ({
  text,
  role: "label",
  colspan,
  rowspan,
});

export function values(report: ReportToRender, ids: string[], lastSpan = 1): TableCell[] {
  return ids.map((id, index) => ({
    text: formatCellValue(report.cells[id]),
    role: "value" as const,
    colspan: index === ids.length - 1 ? lastSpan : 1,
  }));
}
