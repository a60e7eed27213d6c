import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/current-user";
import { getSignInNotice } from "@/lib/auth/get-sign-in-notice";
import { safeNextPath } from "@/lib/auth/public-paths";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "登录" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ next?: string | string[] }>;
}) {
  const { next } = await searchParams;
  const target = safeNextPath(typeof next === "string" ? next : null);
  if (await getCurrentUser()) redirect(target);
  const notice = await getSignInNotice(await headers());
  return (
    <section className="mx-auto mt-8 max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="mb-1 text-xl font-semibold">登录</h1>
      <p className="mb-6 text-sm text-slate-600">请使用管理员为您开设的账号登录。</p>
      {notice ? (
        <p role="alert" className="mb-4 rounded bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {notice}
        </p>
      ) : null}
      <LoginForm next={target} />
    </section>
  );
}
