import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/page-heading";
import { UploadPanel } from "@/components/upload/upload-panel";
import { requirePermission } from "@/lib/auth/current-user";
import { readMaxUploadBytes } from "@/lib/ingest/upload-limits";

export const metadata: Metadata = { title: "上传" };

export default async function UploadPage() {
  await requirePermission("upload");
  return (
    <section>
      <PageHeading title="上传">
        上传政府信息公开工作年度报告：每个文件单独发送并显示进度，读取后立即入库并进行勾稽校验。原始文件完整保存；
        有问题的报告列入
        <Link href="/review" className="text-sky-700 underline">
          待核对
        </Link>
        。
      </PageHeading>
      <UploadPanel maxBytes={readMaxUploadBytes()} />
    </section>
  );
}
