-- 数据质量 at national scale (issue 17): what the page counts, summed per year, region and agency kind by
-- the same refresh as the other summaries (lib/metrics/build-summary-sql.ts), so the country and a province
-- are read from a few hundred summary rows instead of a year of reports joined to their findings. The
-- summaries' fingerprint changes with this version: the first start rebuilds them from the read model.
--
-- RegionYearMetrics."toReview": the current reports still needs_review (the review queue);
-- "lapsedNext": the reports whose agency has no current report the year after (the agencies that stopped
-- filing, read from the rows of the year before the one shown).
ALTER TABLE "RegionYearMetrics" ADD COLUMN IF NOT EXISTS "toReview" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "RegionYearMetrics" ADD COLUMN IF NOT EXISTS "lapsedNext" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "RegionYearMetrics" ALTER COLUMN "toReview" DROP DEFAULT;
ALTER TABLE "RegionYearMetrics" ALTER COLUMN "lapsedNext" DROP DEFAULT;

-- RegionYearFindings: per year, region of depth 0–3 (as RegionYearMetrics) and agency kind, the open
-- findings of the current reports by code, kind and origin, and how many reports have them.
CREATE TABLE IF NOT EXISTS "RegionYearFindings" (
    "year" INTEGER NOT NULL,
    "regionPath" TEXT NOT NULL,
    "depth" SMALLINT NOT NULL,
    "agencyKind" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "origin" TEXT NOT NULL,
    "findings" INTEGER NOT NULL,
    "reports" INTEGER NOT NULL,
    CONSTRAINT "RegionYearFindings_pkey" PRIMARY KEY ("year", "regionPath", "agencyKind", "code", "kind", "origin")
);

CREATE INDEX IF NOT EXISTS "RegionYearFindings_depth_year_regionPath_idx"
    ON "RegionYearFindings" ("depth", "year", "regionPath" text_pattern_ops);
