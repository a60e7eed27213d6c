import type { Metadata } from "next";
import type { ReactNode } from "react";
import { SiteHeader } from "@/components/site-header";
import { getCurrentUser } from "@/lib/auth/current-user";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "年报 Dashboard", template: "%s · 年报 Dashboard" },
  description: "政府信息公开工作年度报告数据平台：上传、核对、排名、对比与导出",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await getCurrentUser();
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">
        <SiteHeader user={user} />
        <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      </body>
    </html>
  );
}
