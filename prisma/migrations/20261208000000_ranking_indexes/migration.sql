-- migration: no-transaction
-- 排名 at national scale (issue 17): one index per metric of the dictionary, in value order within a year,
-- over the rows that have a value (a rate's: denominator ≥ 10, the default MIN_RATE_N), tie-broken by
-- agency and carrying the agency's kind (a rate's index its numerator and denominator too, so that its
-- value can be read from the index alone). The first page of a national ranking by value is then an index
-- range instead of a sort of the year's ~141 000 read-model rows, the ranked count and a ranking by change
-- index-only scans. Written from lib/metrics/ranking-index.ts (a test checks that this file holds exactly
-- its indexes); built concurrently, so uploads go on while they build.

-- 本年新收申请
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_applications_new_idx"
    ON "ReportMetrics" ("year", "applicationsNew" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "applicationsNew" IS NOT NULL;

-- 申请总量
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_applications_total_idx"
    ON "ReportMetrics" ("year", "applicationsTotal" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "applicationsTotal" IS NOT NULL;

-- 办结量
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_processed_idx"
    ON "ReportMetrics" ("year", "processed" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "processed" IS NOT NULL;

-- 结转下年度
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_carried_forward_idx"
    ON "ReportMetrics" ("year", "carriedForward" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "carriedForward" IS NOT NULL;

-- 公开率
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_disclosure_rate_idx"
    ON "ReportMetrics" ("year", ((100::float8 * "disclosureRateNum") / "disclosureRateDen") DESC, "agencyId") INCLUDE ("agencyKind", "disclosureRateNum", "disclosureRateDen")
    WHERE "disclosureRateNum" IS NOT NULL AND "disclosureRateDen" > 0 AND "disclosureRateDen" >= 10;

-- 实质公开率
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_substantive_disclosure_rate_idx"
    ON "ReportMetrics" ("year", ((100::float8 * "substantiveDisclosureRateNum") / "substantiveDisclosureRateDen") DESC, "agencyId") INCLUDE ("agencyKind", "substantiveDisclosureRateNum", "substantiveDisclosureRateDen")
    WHERE "substantiveDisclosureRateNum" IS NOT NULL AND "substantiveDisclosureRateDen" > 0 AND "substantiveDisclosureRateDen" >= 10;

-- 不予公开率
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_denial_rate_idx"
    ON "ReportMetrics" ("year", ((100::float8 * "denialRateNum") / "denialRateDen") DESC, "agencyId") INCLUDE ("agencyKind", "denialRateNum", "denialRateDen")
    WHERE "denialRateNum" IS NOT NULL AND "denialRateDen" > 0 AND "denialRateDen" >= 10;

-- 无法提供率
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_unable_rate_idx"
    ON "ReportMetrics" ("year", ((100::float8 * "unableRateNum") / "unableRateDen") DESC, "agencyId") INCLUDE ("agencyKind", "unableRateNum", "unableRateDen")
    WHERE "unableRateNum" IS NOT NULL AND "unableRateDen" > 0 AND "unableRateDen" >= 10;

-- 不予处理率
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_rejection_rate_idx"
    ON "ReportMetrics" ("year", ((100::float8 * "rejectionRateNum") / "rejectionRateDen") DESC, "agencyId") INCLUDE ("agencyKind", "rejectionRateNum", "rejectionRateDen")
    WHERE "rejectionRateNum" IS NOT NULL AND "rejectionRateDen" > 0 AND "rejectionRateDen" >= 10;

-- 办结率
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_completion_rate_idx"
    ON "ReportMetrics" ("year", ((100::float8 * "completionRateNum") / "completionRateDen") DESC, "agencyId") INCLUDE ("agencyKind", "completionRateNum", "completionRateDen")
    WHERE "completionRateNum" IS NOT NULL AND "completionRateDen" > 0 AND "completionRateDen" >= 10;

-- 自然人申请占比
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_natural_person_share_idx"
    ON "ReportMetrics" ("year", ((100::float8 * "naturalPersonShareNum") / "naturalPersonShareDen") DESC, "agencyId") INCLUDE ("agencyKind", "naturalPersonShareNum", "naturalPersonShareDen")
    WHERE "naturalPersonShareNum" IS NOT NULL AND "naturalPersonShareDen" > 0 AND "naturalPersonShareDen" >= 10;

-- 行政复议
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_reviews_idx"
    ON "ReportMetrics" ("year", "reviews" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "reviews" IS NOT NULL;

-- 复议纠错率
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_review_correction_rate_idx"
    ON "ReportMetrics" ("year", ((100::float8 * "reviewCorrectionRateNum") / "reviewCorrectionRateDen") DESC, "agencyId") INCLUDE ("agencyKind", "reviewCorrectionRateNum", "reviewCorrectionRateDen")
    WHERE "reviewCorrectionRateNum" IS NOT NULL AND "reviewCorrectionRateDen" > 0 AND "reviewCorrectionRateDen" >= 10;

-- 行政诉讼
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_lawsuits_idx"
    ON "ReportMetrics" ("year", "lawsuits" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "lawsuits" IS NOT NULL;

-- 诉讼纠错率
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_litigation_correction_rate_idx"
    ON "ReportMetrics" ("year", ((100::float8 * "litigationCorrectionRateNum") / "litigationCorrectionRateDen") DESC, "agencyId") INCLUDE ("agencyKind", "litigationCorrectionRateNum", "litigationCorrectionRateDen")
    WHERE "litigationCorrectionRateNum" IS NOT NULL AND "litigationCorrectionRateDen" > 0 AND "litigationCorrectionRateDen" >= 10;

-- 复议诉讼发生率（每百件办结）
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_remedy_rate_per_100_idx"
    ON "ReportMetrics" ("year", ((100::float8 * "remedyRatePer100Num") / "remedyRatePer100Den") DESC, "agencyId") INCLUDE ("agencyKind", "remedyRatePer100Num", "remedyRatePer100Den")
    WHERE "remedyRatePer100Num" IS NOT NULL AND "remedyRatePer100Den" > 0 AND "remedyRatePer100Den" >= 10;

-- 行政许可
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_licences_idx"
    ON "ReportMetrics" ("year", "licences" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "licences" IS NOT NULL;

-- 行政处罚
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_penalties_idx"
    ON "ReportMetrics" ("year", "penalties" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "penalties" IS NOT NULL;

-- 行政强制
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_enforcements_idx"
    ON "ReportMetrics" ("year", "enforcements" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "enforcements" IS NOT NULL;

-- 行政事业性收费（万元）
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_rank_fees_wan_idx"
    ON "ReportMetrics" ("year", "feesWan" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "feesWan" IS NOT NULL;
