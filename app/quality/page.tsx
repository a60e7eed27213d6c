import type { Metadata } from "next";
import { PlannedSection } from "@/components/planned-section";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "数据质量" };

export default async function QualityPage() {
  await requireUser();
  return (
    <PlannedSection
      title="数据质量"
      summary="集中查看所有报告的勾稽问题和识别不确定之处。"
      plans={[
        "按问题类型统计：报告本身数据不一致（如办理结果合计与总计不符），或识别结果不确定（如单元格缺失、数字拆分有歧义）",
        "逐条查看问题所在的报告和单元格，标记为已确认或已忽略",
        "跨年度检查：本年上年结转与上年结转下年度是否一致",
      ]}
    />
  );
}
