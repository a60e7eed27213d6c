-- 排名 by change at national scale (issue 17): each current report's change against its agency's report of
-- the year before, per metric (a rate's also the smaller of the two denominators), and one index per metric
-- in change order within a year over the rows that have one — so a national page sorted by change is an
-- index range instead of a join of two years' ranked rows. Written from lib/metrics/metric-changes.ts (a
-- test checks that this file holds exactly its table and indexes). The table is created empty (its indexes
-- with it, at no cost) and filled from the read model at the next start (ensureReportMetricsCurrent: the
-- fingerprint of its SQL is not yet recorded), then kept by every refresh of the read model.

CREATE TABLE "ReportMetricChanges" (
    "agencyId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "agencyKind" TEXT NOT NULL,
    "applicationsNew" DOUBLE PRECISION,
    "applicationsTotal" DOUBLE PRECISION,
    "processed" DOUBLE PRECISION,
    "carriedForward" DOUBLE PRECISION,
    "disclosureRate" DOUBLE PRECISION,
    "disclosureRateN" DOUBLE PRECISION,
    "substantiveDisclosureRate" DOUBLE PRECISION,
    "substantiveDisclosureRateN" DOUBLE PRECISION,
    "denialRate" DOUBLE PRECISION,
    "denialRateN" DOUBLE PRECISION,
    "unableRate" DOUBLE PRECISION,
    "unableRateN" DOUBLE PRECISION,
    "rejectionRate" DOUBLE PRECISION,
    "rejectionRateN" DOUBLE PRECISION,
    "completionRate" DOUBLE PRECISION,
    "completionRateN" DOUBLE PRECISION,
    "naturalPersonShare" DOUBLE PRECISION,
    "naturalPersonShareN" DOUBLE PRECISION,
    "reviews" DOUBLE PRECISION,
    "reviewCorrectionRate" DOUBLE PRECISION,
    "reviewCorrectionRateN" DOUBLE PRECISION,
    "lawsuits" DOUBLE PRECISION,
    "litigationCorrectionRate" DOUBLE PRECISION,
    "litigationCorrectionRateN" DOUBLE PRECISION,
    "remedyRatePer100" DOUBLE PRECISION,
    "remedyRatePer100N" DOUBLE PRECISION,
    "licences" DOUBLE PRECISION,
    "penalties" DOUBLE PRECISION,
    "enforcements" DOUBLE PRECISION,
    "feesWan" DOUBLE PRECISION,
    CONSTRAINT "ReportMetricChanges_pkey" PRIMARY KEY ("agencyId", "year")
);

-- 本年新收申请
CREATE INDEX "ReportMetricChanges_applications_new_idx"
    ON "ReportMetricChanges" ("year", "applicationsNew" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "applicationsNew" IS NOT NULL;

-- 申请总量
CREATE INDEX "ReportMetricChanges_applications_total_idx"
    ON "ReportMetricChanges" ("year", "applicationsTotal" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "applicationsTotal" IS NOT NULL;

-- 办结量
CREATE INDEX "ReportMetricChanges_processed_idx"
    ON "ReportMetricChanges" ("year", "processed" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "processed" IS NOT NULL;

-- 结转下年度
CREATE INDEX "ReportMetricChanges_carried_forward_idx"
    ON "ReportMetricChanges" ("year", "carriedForward" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "carriedForward" IS NOT NULL;

-- 公开率
CREATE INDEX "ReportMetricChanges_disclosure_rate_idx"
    ON "ReportMetricChanges" ("year", "disclosureRate" DESC, "agencyId") INCLUDE ("agencyKind", "disclosureRateN")
    WHERE "disclosureRate" IS NOT NULL;

-- 实质公开率
CREATE INDEX "ReportMetricChanges_substantive_disclosure_rate_idx"
    ON "ReportMetricChanges" ("year", "substantiveDisclosureRate" DESC, "agencyId") INCLUDE ("agencyKind", "substantiveDisclosureRateN")
    WHERE "substantiveDisclosureRate" IS NOT NULL;

-- 不予公开率
CREATE INDEX "ReportMetricChanges_denial_rate_idx"
    ON "ReportMetricChanges" ("year", "denialRate" DESC, "agencyId") INCLUDE ("agencyKind", "denialRateN")
    WHERE "denialRate" IS NOT NULL;

-- 无法提供率
CREATE INDEX "ReportMetricChanges_unable_rate_idx"
    ON "ReportMetricChanges" ("year", "unableRate" DESC, "agencyId") INCLUDE ("agencyKind", "unableRateN")
    WHERE "unableRate" IS NOT NULL;

-- 不予处理率
CREATE INDEX "ReportMetricChanges_rejection_rate_idx"
    ON "ReportMetricChanges" ("year", "rejectionRate" DESC, "agencyId") INCLUDE ("agencyKind", "rejectionRateN")
    WHERE "rejectionRate" IS NOT NULL;

-- 办结率
CREATE INDEX "ReportMetricChanges_completion_rate_idx"
    ON "ReportMetricChanges" ("year", "completionRate" DESC, "agencyId") INCLUDE ("agencyKind", "completionRateN")
    WHERE "completionRate" IS NOT NULL;

-- 自然人申请占比
CREATE INDEX "ReportMetricChanges_natural_person_share_idx"
    ON "ReportMetricChanges" ("year", "naturalPersonShare" DESC, "agencyId") INCLUDE ("agencyKind", "naturalPersonShareN")
    WHERE "naturalPersonShare" IS NOT NULL;

-- 行政复议
CREATE INDEX "ReportMetricChanges_reviews_idx"
    ON "ReportMetricChanges" ("year", "reviews" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "reviews" IS NOT NULL;

-- 复议纠错率
CREATE INDEX "ReportMetricChanges_review_correction_rate_idx"
    ON "ReportMetricChanges" ("year", "reviewCorrectionRate" DESC, "agencyId") INCLUDE ("agencyKind", "reviewCorrectionRateN")
    WHERE "reviewCorrectionRate" IS NOT NULL;

-- 行政诉讼
CREATE INDEX "ReportMetricChanges_lawsuits_idx"
    ON "ReportMetricChanges" ("year", "lawsuits" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "lawsuits" IS NOT NULL;

-- 诉讼纠错率
CREATE INDEX "ReportMetricChanges_litigation_correction_rate_idx"
    ON "ReportMetricChanges" ("year", "litigationCorrectionRate" DESC, "agencyId") INCLUDE ("agencyKind", "litigationCorrectionRateN")
    WHERE "litigationCorrectionRate" IS NOT NULL;

-- 复议诉讼发生率（每百件办结）
CREATE INDEX "ReportMetricChanges_remedy_rate_per_100_idx"
    ON "ReportMetricChanges" ("year", "remedyRatePer100" DESC, "agencyId") INCLUDE ("agencyKind", "remedyRatePer100N")
    WHERE "remedyRatePer100" IS NOT NULL;

-- 行政许可
CREATE INDEX "ReportMetricChanges_licences_idx"
    ON "ReportMetricChanges" ("year", "licences" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "licences" IS NOT NULL;

-- 行政处罚
CREATE INDEX "ReportMetricChanges_penalties_idx"
    ON "ReportMetricChanges" ("year", "penalties" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "penalties" IS NOT NULL;

-- 行政强制
CREATE INDEX "ReportMetricChanges_enforcements_idx"
    ON "ReportMetricChanges" ("year", "enforcements" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "enforcements" IS NOT NULL;

-- 行政事业性收费（万元）
CREATE INDEX "ReportMetricChanges_fees_wan_idx"
    ON "ReportMetricChanges" ("year", "feesWan" DESC, "agencyId") INCLUDE ("agencyKind")
    WHERE "feesWan" IS NOT NULL;
