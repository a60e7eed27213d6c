import type { Metadata } from "next";
import { PlannedSection } from "@/components/planned-section";
import { requirePermission } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "导出" };

export default async function ExportPage() {
  await requirePermission("export");
  return (
    <PlannedSection
      title="导出"
      summary="将筛选后的数据导出为 CSV 文件，可直接用 Excel 打开。"
      plans={[
        "导出内容与页面上的筛选条件完全一致",
        "文件带 BOM，中文在 Excel 中正常显示",
        "可导出单元格明细或指标汇总，列名使用统一的单元格编号",
      ]}
    />
  );
}
