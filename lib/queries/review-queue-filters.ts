// The filters of 待核对 (region, year, status, page), parsed from the URL with zod: the page and its links
// agree on one shape, and a hand-edited URL with nonsense falls back to "all" instead of failing.
import { z } from "zod";

export const REVIEW_STATUSES = ["all", "inconsistent", "uncertain", "needs_agency", "needs_year"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = {
  all: "全部",
  inconsistent: "数据不一致",
  uncertain: "识别不确定",
  needs_agency: "待补充机关",
  needs_year: "待补充年度",
};

const one = (value: unknown) => (Array.isArray(value) ? value[0] : value);

export const reviewQueueFiltersSchema = z.object({
  region: z.preprocess(
    one,
    z
      .string()
      .regex(/^\d{2,12}$/)
      .optional()
      .catch(undefined),
  ),
  year: z.preprocess(one, z.coerce.number().int().min(2000).max(2100).optional().catch(undefined)),
  status: z.preprocess(one, z.enum(REVIEW_STATUSES).catch("all")).default("all"),
  page: z.preprocess(one, z.coerce.number().int().min(1).max(100_000).catch(1)).default(1),
});

export type ReviewQueueFilters = z.infer<typeof reviewQueueFiltersSchema>;

/** The URL of 待核对 with these filters (defaults left out). */
export function reviewQueueHref(filters: Partial<ReviewQueueFilters>): string {
  const params = new URLSearchParams();
  if (filters.region) params.set("region", filters.region);
  if (filters.year) params.set("year", String(filters.year));
  if (filters.status && filters.status !== "all") params.set("status", filters.status);
  if (filters.page && filters.page > 1) params.set("page", String(filters.page));
  const query = params.toString();
  return query ? `/review?${query}` : "/review";
}
