import type { Metadata } from "next";
import { PlannedSection } from "@/components/planned-section";
import { requirePermission } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "上传" };

export default async function UploadPage() {
  await requirePermission("upload");
  return (
    <PlannedSection
      title="上传"
      summary="上传政府信息公开工作年度报告，系统自动识别表格数据并进行勾稽校验。"
      plans={[
        "支持 TXT（任意编码）、HTML、DOCX、PDF 格式，可一次上传一份或数百份",
        "上传的原始文件完整保存，不会丢失",
        "逐项显示识别结果，标出所有不一致和不确定之处，供工作人员更正、确认",
      ]}
    />
  );
}
