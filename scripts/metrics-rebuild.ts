// `npm run metrics:rebuild` — empties the read model (ReportMetrics) and fills it again from every current
// report with the SQL generated from the metric dictionary (lib/metrics): after a metric was added or
// changed. `npm start` does this by itself when the dictionary changed since the last fill.
import { closeClient, createClient, getPool } from "@/lib/db/create-client";
import { openDatabase } from "@/lib/db/open-database";
import { rebuildReportMetrics } from "@/lib/ingest/refresh-report-metrics";
import { readCliArgs } from "@/lib/cli/read-cli-args";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";

async function main(): Promise<number> {
  readCliArgs({ options: {} }); // takes no arguments: a stray one is a usage error
  const database = await openDatabase();
  const db = createClient(database.url);
  try {
    const started = performance.now();
    const { rows } = await rebuildReportMetrics(getPool(db));
    console.log(
      `指标读模型已重建：${rows} 行，用时 ${((performance.now() - started) / 1000).toFixed(1)} 秒。`,
    );
    return EXIT_OK;
  } finally {
    await closeClient(db);
    await database.stop();
  }
}

runCli(main, { usage: "用法: npm run metrics:rebuild", failure: "重建失败" });
