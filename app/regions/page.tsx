import type { Metadata } from "next";
import { PlannedSection } from "@/components/planned-section";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "地区" };

export default async function RegionsPage() {
  await requireUser();
  return (
    <PlannedSection
      title="地区"
      summary="按行政区划（省、市、区县、乡镇/街道）浏览已收录的年度报告。"
      plans={[
        "行政区划树：逐级查看各地区已上传报告的机构数量和年度覆盖情况",
        "地区汇总：区县与其下属乡镇、部门的数据并列展示，便于发现差异",
        "尚未提交报告的机构一目了然",
      ]}
    />
  );
}
