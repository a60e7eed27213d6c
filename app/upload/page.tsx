// 上传 — two ways in, as tabs in the URL (?tab=url): files from the computer, or reports imported from their
// web pages (从网址导入). Both go through the same pipeline and answer the same results.
import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/page-heading";
import { UploadPanel } from "@/components/upload/upload-panel";
import { UrlImportPanel } from "@/components/upload/url-import-panel";
import { requirePermission } from "@/lib/auth/current-user";
import { readMaxUploadBytes } from "@/lib/ingest/upload-limits";

export const metadata: Metadata = { title: "上传" };

const TABS = [
  { key: "files", href: "/upload", label: "上传文件" },
  { key: "url", href: "/upload?tab=url", label: "从网址导入" },
] as const;

export default async function UploadPage({ searchParams }: PageProps<"/upload">) {
  await requirePermission("upload");
  const tab = (await searchParams).tab === "url" ? "url" : "files";
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
      <nav aria-label="上传方式" className="mb-4 flex gap-1 border-b border-slate-200">
        {TABS.map((item) => (
          <Link
            key={item.key}
            href={item.href}
            aria-current={item.key === tab ? "page" : undefined}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              item.key === tab
                ? "border-slate-800 text-slate-900"
                : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {item.label}
          </Link>
        ))}
      </nav>
      {tab === "url" ? <UrlImportPanel /> : <UploadPanel maxBytes={readMaxUploadBytes()} />}
    </section>
  );
}
