// npm run bench:ingest — ingestion throughput: N readings of distinct agencies (built from the seed truth,
// so the reader's own cost is not counted) written one after another into a fresh database on a
// throwaway embedded server, then N new versions of the same agencies. Prints reports per second.
//   npm run bench:ingest -- 200
import { randomUUID } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createClient } from "@/lib/db/create-client";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { findFreePort } from "@/lib/db/find-free-port";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { ingestDocument } from "@/lib/ingest/ingest-document";
import truth from "@/lib/reader/fixtures/seed-truth.json";
import type { ReadSuccess, TemplateVersion } from "@/lib/reader/types";

const COUNT = Number(process.argv[2] ?? 200);
const DATA_DIR = path.join(process.cwd(), ".test-data", `bench-${process.pid}`);

function buildReading(index: number, version: number): ReadSuccess {
  const seed = truth.reports[index % truth.reports.length]!;
  const cells = seed.cells as unknown as Record<string, number | null>;
  return {
    ok: true,
    mediaType: "text/plain",
    agency: {
      ...(seed.agency as ReadSuccess["agency"]),
      name: `基准测试第${index}号镇人民政府`,
      kind: "乡镇",
    },
    regionCodes: { province: "51", city: "5109", county: "510904", town: null },
    year: seed.year,
    template: seed.template as TemplateVersion,
    cells: { ...cells, "t3.new.total": (cells["t3.new.total"] ?? 0) + version },
    rawText: {},
    inferred: [],
    units: {},
    findings: [],
    text: "",
  };
}

async function timeRound(label: string, run: (index: number) => Promise<unknown>): Promise<void> {
  const started = performance.now();
  for (let index = 0; index < COUNT; index += 1) await run(index);
  const seconds = (performance.now() - started) / 1000;
  console.log(
    `${label}: ${COUNT} reports in ${seconds.toFixed(2)} s — ${(COUNT / seconds).toFixed(1)} reports/s`,
  );
}

async function main(): Promise<void> {
  const server = await startEmbeddedPostgres({
    dataDir: DATA_DIR,
    port: await findFreePort(),
    persistent: false,
    fast: process.env.BENCH_FAST === "1",
  });
  try {
    await createDatabaseIfMissing(server.adminUrl, "bench");
    const url = server.urlFor("bench");
    await applyMigrations({ url });
    const db = createClient(url);
    const bytes = () => new TextEncoder().encode(randomUUID());
    await timeRound("first versions", (i) =>
      ingestDocument(db, { bytes: bytes(), fileName: `${i}.txt` }, buildReading(i, 1)),
    );
    await timeRound("second versions", (i) =>
      ingestDocument(db, { bytes: bytes(), fileName: `${i}.txt` }, buildReading(i, 2)),
    );
    await db.$disconnect();
  } finally {
    await server.stop();
    await rm(DATA_DIR, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
