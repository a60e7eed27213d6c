// npm run db:seed — fills the regions and, on a database with no documents, imports the five sample
// reports (what `npm start` does at start-up). Uses DATABASE_URL or the embedded server under ./.data.
import { closeClient, createClient } from "@/lib/db/create-client";
import { ensureDatabase } from "@/lib/db/ensure-database";
import { closeReaderPool } from "@/lib/ingest/reader-pool";
import { seedDatabase } from "@/lib/ingest/seed-sample-reports";

async function main(): Promise<void> {
  const database = await ensureDatabase();
  const db = createClient(database.url);
  try {
    const { regionsInserted, samples } = await seedDatabase(db);
    console.log(`Regions inserted: ${regionsInserted}`);
    if (samples.skipped) console.log("The database already has documents: sample reports not imported.");
    for (const sample of samples.imported) {
      console.log(
        `${sample.fileName}: ${sample.status}${sample.errorCode ? ` (${sample.errorCode})` : ""} year ${sample.year ?? "?"}`,
      );
    }
  } finally {
    await closeReaderPool();
    await closeClient(db);
    await database.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
