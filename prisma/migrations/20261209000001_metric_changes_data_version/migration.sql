-- 排名 by change reads ReportMetricChanges through the data-version cache (lib/queries/cache-by-data-version.ts).
-- Its rows are written in the same transaction as the read-model rows they derive from, which bump the version
-- already (20261209000000_data_version) — except when the table is refilled on its own (rebuildMetricChanges:
-- after this table's migration, or when its SQL changes), which truncates it without touching ReportMetrics.
-- A TRUNCATE bumps the version, so a refill shows on the next request in every app instance.
CREATE TRIGGER "ReportMetricChanges_data_version_truncate" AFTER TRUNCATE ON "ReportMetricChanges"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
