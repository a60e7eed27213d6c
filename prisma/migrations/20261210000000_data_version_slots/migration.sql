-- The data version in 16 rows ("slots") instead of one; the version is their sum (lib/queries/
-- cache-by-data-version.ts). With one row, every writing transaction updated that row at its commit and held
-- its lock until its commit record was flushed to disk: concurrent uploads committed one after another, each
-- with a WAL flush of its own that none could share (group commit), and each waited meanwhile with its
-- summaries' province locks held (bench:upload, phase 3: 0.4 of the 8 backends waiting on that row at every
-- moment, BENCHMARKS.md, route14). Now a transaction bumps a slot no other transaction holds (SKIP LOCKED);
-- only when all 16 are held does it wait, for one chosen by its backend.
--
-- The sum goes up by one per committed transaction that wrote ReportMetrics, Agency or Region, as the one
-- row did: a snapshot sees a commit's bump exactly when it sees the commit's rows, and snapshots only ever
-- gain commits, so two reads that return the same sum saw the same commits — what the cache relies on.
ALTER TABLE "DataVersion" DROP CONSTRAINT "DataVersion_one_row";
ALTER TABLE "DataVersion" ADD CONSTRAINT "DataVersion_slot" CHECK ("id" BETWEEN 1 AND 16);
INSERT INTO "DataVersion" ("id", "version") SELECT slot, 0 FROM generate_series(2, 16) AS slot;

CREATE OR REPLACE FUNCTION "bump_data_version"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('nianbao.data_version_bumped', true) IS DISTINCT FROM 'on' THEN
    UPDATE "DataVersion" SET "version" = "version" + 1
     WHERE "id" = (SELECT "id" FROM "DataVersion" ORDER BY "id" LIMIT 1 FOR UPDATE SKIP LOCKED);
    IF NOT FOUND THEN
      UPDATE "DataVersion" SET "version" = "version" + 1 WHERE "id" = 1 + pg_backend_pid() % 16;
    END IF;
    PERFORM set_config('nianbao.data_version_bumped', 'on', true);
  END IF;
  RETURN NULL;
END $$;
