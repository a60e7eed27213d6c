// npm run db:seed — fills the regions and, on a database with no documents, imports the five sample
// reports (what `npm start` does at start-up). Uses DATABASE_URL or the embedded server under ./.data.
import { closeClient, createClient } from "@/lib/db/create-client";
import { ensureDatabase } from "@/lib/db/ensure-database";
import { closeReaderPool } from "@/lib/ingest/reader-pool";
import { seedDatabase } from "@/lib/ingest/seed-sample-reports";
import { EXIT_OK, runCli } from "@/lib/cli/run-cli";

async function main(): Promise<number> {
  const database = await ensureDatabase();
  const db = createClient(database.url);
  try {
    const { regionsInserted, samples } = await seedDatabase(db);
    console.log(`已写入地区：${regionsInserted} 个`);
    if (samples.skipped) console.log("数据库中已有文件，未导入示例报告。");
    for (const sample of samples.imported) {
      console.log(
        `${sample.fileName}：${sample.status}${sample.errorCode ? `（${sample.errorCode}）` : ""}，年度 ${sample.year ?? "?"}`,
      );
    }
    return EXIT_OK;
  } finally {
    await closeReaderPool();
    await closeClient(db);
    await database.stop();
  }
}

runCli(main, { failure: "写入示例数据失败" });
