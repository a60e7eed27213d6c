import Link from "next/link";
import { SiteNav } from "@/components/site-nav";

/** The header on every page: product name and the section navigation. */
export function SiteHeader() {
  return (
    <header className="bg-slate-800 text-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-8 gap-y-2 px-4 py-3">
        <Link href="/" className="text-lg font-semibold tracking-wide">
          年报 Dashboard
        </Link>
        <SiteNav />
      </div>
    </header>
  );
}
