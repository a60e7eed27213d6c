import Link from "next/link";
import { PageHeading } from "@/components/page-heading";

/** "No permission" — the 403 page, for the proxy's check and for forbidden() calls in pages. */
export function ForbiddenNotice() {
  return (
    <section>
      <PageHeading title="无权访问">
        您的账号没有访问此页面或执行此操作的权限。如需开通，请联系管理员。
      </PageHeading>
      <Link href="/" className="text-blue-700 underline underline-offset-4 hover:text-blue-900">
        返回总览
      </Link>
    </section>
  );
}
