-- migration: no-transaction
-- Summaries of the read model for the dashboard at national scale (issue 17). Kept exact by the same refresh
-- that fills ReportMetrics (lib/ingest/refresh-region-summaries.ts) and rebuilt with it.
--
-- RegionYearMetrics: per year, region and agency kind, the sums over every current report of the region and
-- everything inside it, for the regions of depth 1–3 (province, city, county; a town's reports count in
-- its county) and, at depth 0 (regionPath ''), the reports without a region. Sums follow the read model's
-- rules: a rate's numerator and denominator summed over the reports where both are known (so they are null
-- together); o_* the outcome mix over the reports whose outcome rows are all known; matched* and prev_* the
-- agencies that also filed the year before, this year's and last year's inputs; firstReports the reports
-- that are their agency's earliest current one (distinct agencies over several years add up);
-- openFindings the open findings of the reports.
CREATE TABLE IF NOT EXISTS "RegionYearMetrics" (
    "year" INTEGER NOT NULL,
    "regionPath" TEXT NOT NULL,
    "depth" SMALLINT NOT NULL,
    "agencyKind" TEXT NOT NULL,
    "reports" INTEGER NOT NULL,
    "firstReports" INTEGER NOT NULL,
    "openFindings" INTEGER NOT NULL,
    "applicationsNew" DOUBLE PRECISION,
    "applicationsTotal" DOUBLE PRECISION,
    "processed" DOUBLE PRECISION,
    "carriedForward" DOUBLE PRECISION,
    "disclosureRateNum" DOUBLE PRECISION,
    "disclosureRateDen" DOUBLE PRECISION,
    "substantiveDisclosureRateNum" DOUBLE PRECISION,
    "substantiveDisclosureRateDen" DOUBLE PRECISION,
    "denialRateNum" DOUBLE PRECISION,
    "denialRateDen" DOUBLE PRECISION,
    "unableRateNum" DOUBLE PRECISION,
    "unableRateDen" DOUBLE PRECISION,
    "rejectionRateNum" DOUBLE PRECISION,
    "rejectionRateDen" DOUBLE PRECISION,
    "completionRateNum" DOUBLE PRECISION,
    "completionRateDen" DOUBLE PRECISION,
    "naturalPersonShareNum" DOUBLE PRECISION,
    "naturalPersonShareDen" DOUBLE PRECISION,
    "reviews" DOUBLE PRECISION,
    "reviewCorrectionRateNum" DOUBLE PRECISION,
    "reviewCorrectionRateDen" DOUBLE PRECISION,
    "lawsuits" DOUBLE PRECISION,
    "litigationCorrectionRateNum" DOUBLE PRECISION,
    "litigationCorrectionRateDen" DOUBLE PRECISION,
    "remedyRatePer100Num" DOUBLE PRECISION,
    "remedyRatePer100Den" DOUBLE PRECISION,
    "licences" DOUBLE PRECISION,
    "penalties" DOUBLE PRECISION,
    "enforcements" DOUBLE PRECISION,
    "feesWan" DOUBLE PRECISION,
    "o_disclosed" DOUBLE PRECISION,
    "o_denied" DOUBLE PRECISION,
    "o_unable" DOUBLE PRECISION,
    "o_rejected" DOUBLE PRECISION,
    "o_total" DOUBLE PRECISION,
    "matchedAgencies" INTEGER NOT NULL,
    "matched_applicationsNew" DOUBLE PRECISION,
    "matched_applicationsTotal" DOUBLE PRECISION,
    "matched_processed" DOUBLE PRECISION,
    "matched_carriedForward" DOUBLE PRECISION,
    "matched_disclosureRateNum" DOUBLE PRECISION,
    "matched_disclosureRateDen" DOUBLE PRECISION,
    "matched_substantiveDisclosureRateNum" DOUBLE PRECISION,
    "matched_substantiveDisclosureRateDen" DOUBLE PRECISION,
    "matched_denialRateNum" DOUBLE PRECISION,
    "matched_denialRateDen" DOUBLE PRECISION,
    "matched_unableRateNum" DOUBLE PRECISION,
    "matched_unableRateDen" DOUBLE PRECISION,
    "matched_rejectionRateNum" DOUBLE PRECISION,
    "matched_rejectionRateDen" DOUBLE PRECISION,
    "matched_completionRateNum" DOUBLE PRECISION,
    "matched_completionRateDen" DOUBLE PRECISION,
    "matched_naturalPersonShareNum" DOUBLE PRECISION,
    "matched_naturalPersonShareDen" DOUBLE PRECISION,
    "matched_reviews" DOUBLE PRECISION,
    "matched_reviewCorrectionRateNum" DOUBLE PRECISION,
    "matched_reviewCorrectionRateDen" DOUBLE PRECISION,
    "matched_lawsuits" DOUBLE PRECISION,
    "matched_litigationCorrectionRateNum" DOUBLE PRECISION,
    "matched_litigationCorrectionRateDen" DOUBLE PRECISION,
    "matched_remedyRatePer100Num" DOUBLE PRECISION,
    "matched_remedyRatePer100Den" DOUBLE PRECISION,
    "matched_licences" DOUBLE PRECISION,
    "matched_penalties" DOUBLE PRECISION,
    "matched_enforcements" DOUBLE PRECISION,
    "matched_feesWan" DOUBLE PRECISION,
    "prev_applicationsNew" DOUBLE PRECISION,
    "prev_applicationsTotal" DOUBLE PRECISION,
    "prev_processed" DOUBLE PRECISION,
    "prev_carriedForward" DOUBLE PRECISION,
    "prev_disclosureRateNum" DOUBLE PRECISION,
    "prev_disclosureRateDen" DOUBLE PRECISION,
    "prev_substantiveDisclosureRateNum" DOUBLE PRECISION,
    "prev_substantiveDisclosureRateDen" DOUBLE PRECISION,
    "prev_denialRateNum" DOUBLE PRECISION,
    "prev_denialRateDen" DOUBLE PRECISION,
    "prev_unableRateNum" DOUBLE PRECISION,
    "prev_unableRateDen" DOUBLE PRECISION,
    "prev_rejectionRateNum" DOUBLE PRECISION,
    "prev_rejectionRateDen" DOUBLE PRECISION,
    "prev_completionRateNum" DOUBLE PRECISION,
    "prev_completionRateDen" DOUBLE PRECISION,
    "prev_naturalPersonShareNum" DOUBLE PRECISION,
    "prev_naturalPersonShareDen" DOUBLE PRECISION,
    "prev_reviews" DOUBLE PRECISION,
    "prev_reviewCorrectionRateNum" DOUBLE PRECISION,
    "prev_reviewCorrectionRateDen" DOUBLE PRECISION,
    "prev_lawsuits" DOUBLE PRECISION,
    "prev_litigationCorrectionRateNum" DOUBLE PRECISION,
    "prev_litigationCorrectionRateDen" DOUBLE PRECISION,
    "prev_remedyRatePer100Num" DOUBLE PRECISION,
    "prev_remedyRatePer100Den" DOUBLE PRECISION,
    "prev_licences" DOUBLE PRECISION,
    "prev_penalties" DOUBLE PRECISION,
    "prev_enforcements" DOUBLE PRECISION,
    "prev_feesWan" DOUBLE PRECISION,
    CONSTRAINT "RegionYearMetrics_pkey" PRIMARY KEY ("year", "regionPath", "agencyKind")
);

-- The pages read one depth of one year under a path prefix (all provinces; the cities of a province).
CREATE INDEX IF NOT EXISTS "RegionYearMetrics_depth_year_regionPath_idx"
    ON "RegionYearMetrics" ("depth", "year", "regionPath" text_pattern_ops);

-- RegionYearCoverage: per year and region of depth 1–3, how many regions in it (itself included) have a
-- current report of their own government (省/市/区县政府, 乡镇/街道 at a town), and how many of its towns
-- have any current report placed on them. Rows only where one of them is > 0.
CREATE TABLE IF NOT EXISTS "RegionYearCoverage" (
    "year" INTEGER NOT NULL,
    "regionPath" TEXT NOT NULL,
    "depth" SMALLINT NOT NULL,
    "covered" INTEGER NOT NULL,
    "townsFiled" INTEGER NOT NULL,
    CONSTRAINT "RegionYearCoverage_pkey" PRIMARY KEY ("year", "regionPath")
);

CREATE INDEX IF NOT EXISTS "RegionYearCoverage_depth_year_regionPath_idx"
    ON "RegionYearCoverage" ("depth", "year", "regionPath" text_pattern_ops);

-- One year of one region of the read model as one index range (地区 of a county, 排名 of a province, the
-- summaries' refresh of a county); the old index on regionPath alone served neither year nor depth.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_year_regionPath_idx"
    ON "ReportMetrics" ("year", "regionPath" text_pattern_ops);


-- The towns of a region (数据质量's coverage) counted from the index alone.
CREATE INDEX IF NOT EXISTS "Region_level_path_idx" ON "Region" ("level", "path" text_pattern_ops);

-- 总览's newest reports: the read model in (year DESC, regionPath) order, cut after the first page.
CREATE INDEX CONCURRENTLY IF NOT EXISTS "ReportMetrics_year_desc_regionPath_idx"
    ON "ReportMetrics" ("year" DESC, "regionPath" NULLS LAST);

-- Every query on regionPath now also names the year: the index on (year, regionPath) serves them.
DROP INDEX CONCURRENTLY IF EXISTS "ReportMetrics_regionPath_idx";
