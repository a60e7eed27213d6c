import type { Metadata } from "next";
import Link from "next/link";
import { PageHeading } from "@/components/page-heading";
import { ReviewQueueTable } from "@/components/review/review-queue-table";
import { requirePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import { listRegionChoices } from "@/lib/queries/list-region-choices";
import { listReviewQueue, REVIEW_PAGE_SIZE } from "@/lib/queries/list-review-queue";
import {
  REVIEW_STATUS_LABELS,
  REVIEW_STATUSES,
  reviewQueueFiltersSchema,
  reviewQueueHref,
} from "@/lib/queries/review-queue-filters";

export const metadata: Metadata = { title: "待核对" };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReviewQueuePage({ searchParams }: Props) {
  const user = await requirePermission("correct");
  const filters = reviewQueueFiltersSchema.parse(await searchParams);
  const [{ rows, total }, regions] = await Promise.all([
    listReviewQueue(db, { filters, limitTo: user.role === "staff" ? user.regions : [] }),
    listRegionChoices(db),
  ]);
  const pages = Math.max(1, Math.ceil(total / REVIEW_PAGE_SIZE));
  const select = "mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm";
  return (
    <section>
      <PageHeading title="待核对">
        有问题的报告（数据不一致、识别不确定）和待补充机关或年度的文件，按上传时间倒序。点击进入核对页面，对照原文处理。
      </PageHeading>
      <form
        method="get"
        aria-label="筛选"
        className="mb-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4 sm:items-end"
      >
        <label>
          地区
          <select name="region" defaultValue={filters.region ?? ""} className={select}>
            <option value="">全部地区</option>
            {regions.map((region) => (
              <option key={region.code} value={region.code}>
                {region.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          年度
          <input
            name="year"
            type="number"
            min={2019}
            max={2100}
            defaultValue={filters.year ?? ""}
            className={select}
          />
        </label>
        <label>
          状态
          <select name="status" defaultValue={filters.status} className={select}>
            {REVIEW_STATUSES.map((status) => (
              <option key={status} value={status}>
                {REVIEW_STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </label>
        <button
          type="submit"
          className="rounded bg-slate-800 px-3 py-1.5 font-medium text-white hover:bg-slate-700"
        >
          筛选
        </button>
      </form>
      <p className="mb-2 text-sm text-slate-600">共 {total} 项</p>
      <ReviewQueueTable rows={rows} />
      {pages > 1 ? (
        <nav aria-label="分页" className="mt-3 flex items-center gap-3 text-sm">
          {filters.page > 1 ? (
            <Link href={reviewQueueHref({ ...filters, page: filters.page - 1 })}>上一页</Link>
          ) : null}
          <span>
            第 {filters.page} / {pages} 页
          </span>
          {filters.page < pages ? (
            <Link href={reviewQueueHref({ ...filters, page: filters.page + 1 })}>下一页</Link>
          ) : null}
        </nav>
      ) : null}
    </section>
  );
}
