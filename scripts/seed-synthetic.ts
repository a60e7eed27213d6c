// `npm run seed:synthetic -- --reports N [--years 2019-2025] [--seed S] [--batch 1000]` — fills the database
// with a synthetic national data set for load and scale tests: N reports of agencies over the real region
// tree (lib/synthetic), written through the bulk path (COPY, many reports per transaction, two
// transactions at once: lib/ingest/bulk-writer.ts). The same seed
// gives the same reports; running it twice adds nothing (the second run finds duplicates).
// Uses DATABASE_URL, or the embedded database (the running app's, or one started for the command).
import cliProgress from "cli-progress";
import { closeClient, createClient, getPool } from "@/lib/db/create-client";
import { openDatabase } from "@/lib/db/open-database";
import { syncRegions } from "@/lib/ingest/sync-regions";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";
import { storeSyntheticDocuments } from "@/lib/synthetic/store-synthetic-documents";
import { readCliArgs } from "@/lib/cli/read-cli-args";
import { EXIT_FAILED, EXIT_OK, UsageError, runCli } from "@/lib/cli/run-cli";

const USAGE = `用法: npm run seed:synthetic -- --reports <份数> [--years 2019-2025] [--seed <整数>] [--batch <每批份数>]`;

function readArguments() {
  const { values } = readCliArgs({
    options: {
      reports: { type: "string" },
      years: { type: "string", default: "2019-2025" },
      seed: { type: "string", default: "1" },
      batch: { type: "string", default: "1000" },
    },
  });
  const reports = Number(values.reports);
  const seed = Number(values.seed);
  const batch = Number(values.batch);
  const years = /^(\d{4})-(\d{4})$/.exec(values.years);
  if (!Number.isInteger(reports) || reports < 1) throw new UsageError("--reports 应为正整数");
  if (!Number.isInteger(seed)) throw new UsageError("--seed 应为整数");
  if (!Number.isInteger(batch) || batch < 1 || batch > 20_000)
    throw new UsageError("--batch 应为 1–20000 的整数");
  const from = Number(years?.[1]);
  const to = Number(years?.[2]);
  if (!years || from < 2019 || to < from || to > 2100)
    throw new UsageError("--years 应形如 2019-2025（不早于 2019）");
  return { reports, seed, batch, years: { from, to } };
}

async function main(): Promise<number> {
  const args = readArguments();
  const database = await openDatabase();
  const db = createClient(database.url);
  try {
    await syncRegions(db);
    const bar = new cliProgress.SingleBar(
      { format: "合成 [{bar}] {value}/{total} 份 | {speed} 份/秒", hideCursor: true },
      cliProgress.Presets.shades_classic,
    );
    bar.start(args.reports, 0, { speed: "0" });
    const started = performance.now();
    let done = 0;
    let failed = 0;
    let duplicates = 0;
    await storeSyntheticDocuments(db, generateSyntheticDocuments(args), {
      batchSize: args.batch,
      onResults: (results) => {
        for (const result of results) {
          if (!result.ok) failed += 1;
          else if (result.outcome.duplicate) duplicates += 1;
        }
        done += results.length;
        bar.update(done, { speed: (done / ((performance.now() - started) / 1000)).toFixed(0) });
      },
    });
    bar.stop();
    const seconds = (performance.now() - started) / 1000;
    const { rows } = await getPool(db).query<{ reports: number }>(
      `SELECT count(*)::int AS reports FROM "Report"`,
    );
    console.log(
      `已写入 ${done - duplicates - failed} 份合成报告（重复 ${duplicates}，失败 ${failed}），用时 ${seconds.toFixed(1)} 秒，` +
        `${((done - duplicates) / seconds).toFixed(0)} 份/秒；数据库现有报告 ${rows[0]!.reports} 份。`,
    );
    return failed > 0 ? EXIT_FAILED : EXIT_OK;
  } finally {
    await closeClient(db);
    await database.stop();
  }
}

runCli(main, { usage: USAGE, failure: "合成数据失败" });
