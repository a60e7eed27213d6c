import type { Metadata } from "next";
import { PlannedSection } from "@/components/planned-section";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "排名" };

export default async function RankingsPage() {
  await requireUser();
  return (
    <PlannedSection
      title="排名"
      summary="按年度、机构类型和地区，对各机构的政府信息公开指标进行排名。"
      plans={[
        "按指标排名：依申请公开答复率、予以公开比例、行政复议与诉讼纠错率等（指标口径见指标说明）",
        "按年度、机构类型（乡镇、街道、部门等）和地区筛选，筛选条件保存在网址中，可直接分享",
        "每个排名同时提供图表和表格两种视图，数字一致",
        "点击机构查看其历年报告和明细数据",
      ]}
    />
  );
}
