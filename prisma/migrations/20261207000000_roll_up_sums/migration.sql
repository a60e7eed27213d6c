-- 汇总核对 at national scale (issue 17): the sum of each table-三/四 cell over a government's children's current
-- reports, per (government, year, cell), kept by the same refresh as the region summaries
-- (lib/metrics/build-summary-sql.ts) — so a city's check reads ~21 governments' rows instead of summing
-- ~200 000 of their children's cells per request. Only 区县政府 and 市政府 with a region have rows, and only
-- cells some child has a value in: about 3 300 governments × ≤ 197 cells a year, not a row per report.
-- "regionPath" is the government's region when it was summed: the refresh of a region's keys replaces the
-- rows of the governments placed on it. The summaries' fingerprint changes with this version: the first
-- start rebuilds them from the read model and the cells.
CREATE TABLE IF NOT EXISTS "RollUpCellSums" (
    "governmentId" INTEGER NOT NULL,
    "year" INTEGER NOT NULL,
    "cellNo" SMALLINT NOT NULL,
    "regionPath" TEXT NOT NULL,
    -- The children's values summed exactly (DECIMAL(20,4) cells), and how many children have one.
    "sum" DECIMAL NOT NULL,
    "children" INTEGER NOT NULL,
    CONSTRAINT "RollUpCellSums_pkey" PRIMARY KEY ("governmentId", "year", "cellNo")
);

-- The refresh deletes a key's rows by (year, region).
CREATE INDEX IF NOT EXISTS "RollUpCellSums_year_regionPath_idx" ON "RollUpCellSums" ("year", "regionPath");
