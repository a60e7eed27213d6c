import { describe, expect, it } from "vitest";
import { describeUploadResult } from "./describe-upload-result";

const base = { file: "a.txt", ok: true, documentId: 7 } as const;

describe("describeUploadResult", () => {
  it.each([
    [
      "accepted without findings",
      {
        ...base,
        status: "accepted",
        reportId: 3,
        agency: { id: 1, name: "某镇" },
        year: 2023,
        findings: { inconsistent: 0, uncertain: 0 },
      },
      { bucket: "stored", label: "已入库", href: "/reports/3", detail: "某镇 · 2023 年度" },
    ],
    [
      "accepted with findings",
      {
        ...base,
        status: "accepted",
        reportId: 3,
        agency: { id: 1, name: "某镇" },
        year: 2023,
        findings: { inconsistent: 2, uncertain: 1 },
      },
      {
        bucket: "needs_review",
        label: "需核对",
        href: "/reports/3",
        detail: "某镇 · 2023 年度：2 处数据不一致，1 处识别不确定",
      },
    ],
    [
      "duplicate of a report",
      { ...base, status: "duplicate", reportId: 3 },
      { bucket: "duplicate", href: "/reports/3" },
    ],
    ["needs an agency", { ...base, status: "needs_agency" }, { bucket: "incomplete", href: "/documents/7" }],
    [
      "rejected",
      { ...base, ok: false, status: "rejected", error: { code: "LEGACY_DOC", message: "旧版 Word 文件" } },
      { bucket: "rejected", detail: "旧版 Word 文件（LEGACY_DOC）", href: "/documents/7" },
    ],
    [
      "too large (not stored)",
      {
        ...base,
        ok: false,
        documentId: null,
        status: "rejected",
        error: { code: "TOO_LARGE", message: "太大" },
      },
      { bucket: "rejected", href: null, linkLabel: null },
    ],
  ] as const)("%s", (_name, result, expected) => {
    expect(describeUploadResult(result)).toMatchObject(expected);
  });
});
