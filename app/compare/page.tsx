import type { Metadata } from "next";
import { PlannedSection } from "@/components/planned-section";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "对比" };

export default async function ComparePage() {
  await requireUser();
  return (
    <PlannedSection
      title="对比"
      summary="选择若干机构或年度，逐项对比年度报告中的表格数据和指标。"
      plans={[
        "同一机构不同年度的对比，包括上年结转与本年数据的衔接检查",
        "多个机构同一年度的并列对比",
        "差异较大的单元格突出显示，可追溯到原始报告",
      ]}
    />
  );
}
