"use client";

import { PageHeading } from "@/components/page-heading";

// Shown instead of a broken page; the details stay in the server log (the digest ties them together).
export default function ErrorPage({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  return (
    <section role="alert">
      <PageHeading title="页面加载出错">
        系统暂时无法显示此页面，请稍后重试。如果问题持续存在，请联系管理员
        {error.digest ? `（错误编号：${error.digest}）` : ""}。
      </PageHeading>
      <button
        type="button"
        onClick={reset}
        className="rounded-md bg-slate-800 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700"
      >
        重试
      </button>
    </section>
  );
}
