// 督查简报 — a region's brief for a year, printable (打印) and as a Word file (/api/brief, same filters):
// tables 二–四 summed, key rates with n, children ranked, year-on-year changes, open findings, the roll-up
// check and who has not filed; every number from the database, the wording from fixed templates.
// Filters in the URL: region, year, kind.
import type { Metadata } from "next";
import Link from "next/link";
import { BriefView } from "@/components/brief/brief-view";
import { loadBrief } from "@/components/brief/load-brief";
import { PrintButton } from "@/components/agency/print-button";
import { EmptyState } from "@/components/ui/empty-state";
import { regionHref } from "@/components/ui/entity-href";
import { InvalidFiltersNotice } from "@/components/ui/invalid-filters-notice";
import { UnknownRegionNotice } from "@/components/ui/scope-description";
import { requireUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { buildFilterQuery } from "@/lib/queries/filters";
import { getViewContext } from "@/lib/queries/get-view-context";

export const metadata: Metadata = { title: "督查简报" };

export default async function BriefPage({ searchParams }: PageProps<"/regions/brief">) {
  await requireUser();
  const view = await getViewContext({ db, searchParams: await searchParams, env: process.env });
  const brief = view.regionUnknown ? null : await loadBrief({ view });
  const query = buildFilterQuery({
    region: view.filters.region,
    year: view.year ?? undefined,
    kind: view.filters.kind,
  });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3 print:hidden">
        <Link
          href={regionHref(view.filters.region ?? null, view.year)}
          className="text-sm text-blue-800 hover:underline"
        >
          ← 返回地区
        </Link>
        {brief ? (
          <div className="flex flex-wrap gap-2">
            <PrintButton />
            <a
              href={`/api/brief${query}`}
              className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
            >
              下载 Word
            </a>
          </div>
        ) : null}
      </div>
      <InvalidFiltersNotice invalid={view.invalid} />
      <UnknownRegionNotice view={view} />
      {brief ? (
        <BriefView brief={brief} />
      ) : view.regionUnknown ? null : (
        <EmptyState title="还没有任何年度报告。">请先在“上传”页面上传报告，再生成督查简报。</EmptyState>
      )}
    </div>
  );
}
