// Sample data: on a database with no documents at all, the five sample reports (the seeds, kept once in
// lib/reader/fixtures/seeds) are imported through the same path as an upload, reader included.
// A database that has any document — even only the samples, or only rejected files — is left alone.
//   await seedDatabase(db)   // regions + sample reports, what `npm start` runs
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { importDocument } from "@/lib/ingest/import-document";
import type { Db, IngestOutcome } from "@/lib/ingest/ingest-types";
import { syncRegions } from "@/lib/ingest/sync-regions";

export const SAMPLE_REPORTS_DIR = path.join(process.cwd(), "lib", "reader", "fixtures", "seeds");

export interface SeedOutcome {
  skipped: boolean;
  imported: (IngestOutcome & { fileName: string })[];
}

export async function seedSampleReports(db: Db, dir: string = SAMPLE_REPORTS_DIR): Promise<SeedOutcome> {
  if ((await db.document.count()) > 0) return { skipped: true, imported: [] };
  const fileNames = (await readdir(dir)).filter((name) => name.endsWith(".txt")).sort();
  const imported: SeedOutcome["imported"] = [];
  // One after another: the reader is CPU-bound and the order keeps version numbers deterministic.
  for (const fileName of fileNames) {
    const bytes = new Uint8Array(await readFile(path.join(dir, fileName)));
    imported.push({ fileName, ...(await importDocument(db, { bytes, fileName, mediaType: "text/plain" })) });
  }
  return { skipped: false, imported };
}

export async function seedDatabase(db: Db): Promise<{ regionsInserted: number; samples: SeedOutcome }> {
  const { inserted } = await syncRegions(db);
  const samples = await seedSampleReports(db);
  return { regionsInserted: inserted, samples };
}
