// What one file's upload result means to the person who sent it: a short Chinese status, its tone, where to
// go next (the report to review, the document to complete, what already exists) and the reason in words.
import type { UploadResult } from "@/lib/ingest/upload-result";

export type UploadTone = "ok" | "review" | "info" | "error";

export interface UploadOutcomeView {
  /** The summary bucket: 已入库 / 需核对 / 重复 / 待补充 / 未通过. */
  bucket: "stored" | "needs_review" | "duplicate" | "incomplete" | "rejected";
  label: string;
  tone: UploadTone;
  detail: string | null;
  href: string | null;
  linkLabel: string | null;
}

export const BUCKET_LABELS: Record<UploadOutcomeView["bucket"], string> = {
  stored: "已入库",
  needs_review: "需核对",
  duplicate: "重复文件",
  incomplete: "待补充机关或年度",
  rejected: "未通过",
};

export function describeUploadResult(result: UploadResult): UploadOutcomeView {
  const report = result.reportId ? `/reports/${result.reportId}` : null;
  const document = result.documentId ? `/documents/${result.documentId}` : null;
  const where = [result.agency?.name, result.year ? `${result.year} 年度` : null].filter(Boolean).join(" · ");
  switch (result.status) {
    case "accepted": {
      const flagged = (result.findings?.inconsistent ?? 0) + (result.findings?.uncertain ?? 0);
      if (flagged > 0) {
        const parts = [
          result.findings?.inconsistent ? `${result.findings.inconsistent} 处数据不一致` : null,
          result.findings?.uncertain ? `${result.findings.uncertain} 处识别不确定` : null,
        ].filter(Boolean);
        return {
          bucket: "needs_review",
          label: "需核对",
          tone: "review",
          detail: `${where}：${parts.join("，")}`,
          href: report,
          linkLabel: "去核对",
        };
      }
      return {
        bucket: "stored",
        label: "已入库",
        tone: "ok",
        detail: where || null,
        href: report,
        linkLabel: "查看",
      };
    }
    case "duplicate":
      return {
        bucket: "duplicate",
        label: "重复文件",
        tone: "info",
        detail: `同一文件此前已上传${where ? `（${where}）` : ""}，未重复保存。`,
        href: report ?? document,
        linkLabel: "查看已有记录",
      };
    case "needs_agency":
      return {
        bucket: "incomplete",
        label: "待补充机关",
        tone: "review",
        detail: "未能识别报告所属机关，请补充后生成报告。",
        href: document,
        linkLabel: "去补充",
      };
    case "needs_year":
      return {
        bucket: "incomplete",
        label: "待补充年度",
        tone: "review",
        detail: `${where}：未能识别报告年度，请补充后生成报告。`,
        href: document,
        linkLabel: "去补充",
      };
    case "rejected":
      return {
        bucket: "rejected",
        label: "未通过",
        tone: "error",
        detail: result.error ? `${result.error.message}（${result.error.code}）` : null,
        href: document,
        linkLabel: document ? "查看文件" : null,
      };
  }
}
