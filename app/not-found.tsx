import Link from "next/link";
import { PageHeading } from "@/components/page-heading";

export default function NotFound() {
  return (
    <section>
      <PageHeading title="页面不存在">您访问的页面不存在或已被移除。</PageHeading>
      <Link href="/" className="text-blue-700 underline underline-offset-4 hover:text-blue-900">
        返回总览
      </Link>
    </section>
  );
}
