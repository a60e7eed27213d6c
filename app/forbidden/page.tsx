import type { Metadata } from "next";
import { ForbiddenNotice } from "@/components/forbidden-notice";

export const metadata: Metadata = { title: "无权访问" };

// The target of proxy.ts's 403 rewrite (the visitor's URL stays the page they asked for).
export default function ForbiddenPage() {
  return <ForbiddenNotice />;
}
