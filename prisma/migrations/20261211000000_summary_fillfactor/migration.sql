-- migration: no-transaction
-- Room on the summary tables' pages for an upload's updates to stay on the page (HOT: no new index entries,
-- old versions pruned on the page). An upload adds its new version's cells to the roll-up sums of its parent
-- governments — ~200 rows of one government and year, stored together on two or three pages, all updated in
-- one statement — and moves ~9 RegionYearMetrics rows of ~900 bytes. With full pages 85–99 % of the roll-up's
-- updates and about a third of RegionYearMetrics' went to another page, each adding an entry to both of the
-- table's indexes and leaving a dead one behind for VACUUM. At fillfactor 50 a page keeps room for a new
-- version of every row on it (bench:summary-delta's calls replayed: 100 % of the roll-up's updates HOT), at 70
-- for about two RegionYearMetrics rows (85 %). Twice and 1.4 times the pages: a city's 汇总核对 reads ~21
-- governments' ~2,000 rows from ~185 pages instead of ~95 (BENCHMARKS.md, route17).
--
-- Outside a transaction, one statement at a time (lib/db/apply-migrations.ts), because VACUUM FULL cannot run
-- in one: it rewrites the rows already stored with the new room (a fillfactor applies to pages filled after
-- it is set). Each statement can run again.
ALTER TABLE "RollUpCellSums" SET (fillfactor = 50);
ALTER TABLE "RegionYearMetrics" SET (fillfactor = 70);
VACUUM FULL "RollUpCellSums";
VACUUM FULL "RegionYearMetrics";
