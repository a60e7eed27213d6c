"use client";

import { useEffect, useState } from "react";
import { PageHeading } from "@/components/page-heading";

const DATABASE_UNAVAILABLE_DIGEST = "APP_ERROR:DATABASE_UNAVAILABLE";

// What a page that failed shows. In production the browser gets no error message, only its digest: a
// DATABASE_UNAVAILABLE thrown as an AppError carries its code there; any other failure asks /api/health
// whether the database is the cause, so a database that went away mid-page is named as such too.
export function DatabaseAwareError({
  error,
  reset,
}: {
  error: Error & { digest?: string };
  reset: () => void;
}) {
  const [databaseDown, setDatabaseDown] = useState(error.digest === DATABASE_UNAVAILABLE_DIGEST);
  useEffect(() => {
    if (databaseDown) return;
    const controller = new AbortController();
    fetch("/api/health", { signal: controller.signal, cache: "no-store" })
      .then(async (response) => {
        const body = (await response.json()) as { error?: { code?: string } };
        if (body.error?.code === "DATABASE_UNAVAILABLE") setDatabaseDown(true);
      })
      .catch(() => undefined);
    return () => controller.abort();
  }, [databaseDown]);

  return (
    <section role="alert">
      {databaseDown ? (
        <PageHeading title="数据库暂时无法连接">
          系统暂时无法读取数据，数据库恢复后会自动重新连接。请稍后点击“重试”。（错误代码：DATABASE_UNAVAILABLE）
        </PageHeading>
      ) : (
        <PageHeading title="页面加载出错">
          系统暂时无法显示此页面，请稍后重试。如果问题持续存在，请联系管理员
          {error.digest ? `（错误编号：${error.digest}）` : ""}。
        </PageHeading>
      )}
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
