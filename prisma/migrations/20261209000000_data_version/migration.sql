-- The read model's version (issue 17, item 3): one number that goes up in the same transaction as any
-- change to the rows the dashboards' cached queries read — the read model (ReportMetrics), agencies and
-- regions — so an app instance can tell, with one primary-key read per request, whether a result it
-- remembers is still current (lib/queries/cache-by-data-version.ts). Whatever writes those tables bumps it:
-- uploads, confirmations, corrections, rereads, refiling, metrics:rebuild, seed:synthetic's COPY, psql.
--
-- The bump runs at commit (a deferred constraint trigger), once per transaction (a transaction-local
-- flag): concurrent uploads wait for each other on the version row only for the moment of their commits,
-- not from their first write on. A reader that sees the new number sees the new rows with it.
CREATE TABLE "DataVersion" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "version" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "DataVersion_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "DataVersion_one_row" CHECK ("id" = 1)
);
INSERT INTO "DataVersion" ("id", "version") VALUES (1, 0);

CREATE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('nianbao.data_version_bumped', true) IS DISTINCT FROM 'on' THEN
    UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1;
    PERFORM set_config('nianbao.data_version_bumped', 'on', true);
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER "ReportMetrics_data_version" AFTER INSERT OR UPDATE OR DELETE ON "ReportMetrics"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"();
CREATE CONSTRAINT TRIGGER "Agency_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Agency"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"();
CREATE CONSTRAINT TRIGGER "Region_data_version" AFTER INSERT OR UPDATE OR DELETE ON "Region"
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "bump_data_version"();
-- TRUNCATE has no row triggers: bumped at once (rare — tests and resets).
CREATE TRIGGER "ReportMetrics_data_version_truncate" AFTER TRUNCATE ON "ReportMetrics"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "Agency_data_version_truncate" AFTER TRUNCATE ON "Agency"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
CREATE TRIGGER "Region_data_version_truncate" AFTER TRUNCATE ON "Region"
    FOR EACH STATEMENT EXECUTE FUNCTION "bump_data_version"();
