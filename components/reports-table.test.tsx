import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ReportsTable } from "@/components/reports-table";
import type { ReportListRow } from "@/lib/queries/list-reports";

function makeRow(overrides: Partial<ReportListRow> = {}): ReportListRow {
  return {
    reportId: 1,
    agencyId: 1,
    agencyName: "曲靖市沾益区发展和改革局",
    asPrinted: "沾益区发改局",
    kind: "部门",
    region: { province: "云南省", city: "曲靖市", county: "沾益区", town: null },
    regionPath: "53/5303/530303/",
    year: 2023,
    template: "2021",
    status: "needs_review",
    versionNo: 1,
    findingCount: 2,
    fileName: "report.txt",
    uploadedAt: "2024-01-25T00:00:00.000Z",
    ...overrides,
  };
}

describe("ReportsTable", () => {
  it("says plainly that nothing is loaded yet", () => {
    const html = renderToStaticMarkup(<ReportsTable rows={[]} />);
    expect(html).toContain("还没有导入任何报告");
    expect(html).not.toContain("<table");
  });

  it("shows agency, name as printed, region, year, template, open findings and status", () => {
    const html = renderToStaticMarkup(<ReportsTable rows={[makeRow()]} />);
    for (const text of [
      "曲靖市沾益区发展和改革局",
      "报告中写作：沾益区发改局",
      "云南省 曲靖市 沾益区",
      "2023",
      "2021 版",
      "待核对",
    ]) {
      expect(html).toContain(text);
    }
    expect(html).toMatch(/>2<\/td>/);
  });

  it("leaves out the printed name when it equals the full name, and marks an unknown region", () => {
    const row = makeRow({
      asPrinted: "曲靖市沾益区发展和改革局",
      region: { province: null, city: null, county: null, town: null },
      status: "confirmed",
    });
    const html = renderToStaticMarkup(<ReportsTable rows={[row]} />);
    expect(html).not.toContain("报告中写作");
    expect(html).toContain("未识别");
    expect(html).toContain("已确认");
  });

  it("renders text from documents as text, never as markup", () => {
    const html = renderToStaticMarkup(
      <ReportsTable rows={[makeRow({ agencyName: "<script>alert(1)</script>镇" })]} />,
    );
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });
});
