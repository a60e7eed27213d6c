import type { Metadata } from "next";
import { PageHeading } from "@/components/page-heading";
import { requireUser } from "@/lib/auth/current-user";
import { toDisplayEmail } from "@/lib/auth/to-stored-email";
import { logout } from "./actions";

export const metadata: Metadata = { title: "退出登录" };

// Signing out changes state, so it is a button (a POST), never a plain link a third-party page could embed.
export default async function LogoutPage() {
  const user = await requireUser();
  return (
    <section className="max-w-md">
      <PageHeading title="退出登录">当前账号：{toDisplayEmail(user.email)}</PageHeading>
      <form action={logout}>
        <button
          type="submit"
          className="rounded bg-slate-800 px-4 py-2 font-medium text-white hover:bg-slate-700"
        >
          退出登录
        </button>
      </form>
    </section>
  );
}
