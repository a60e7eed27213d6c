// `npx tsx scripts/bench-synthetic-node.ts` — seed:synthetic's own Node work per document, without a database:
// generate a synthetic document, prepare it (its cells' COPY lines) and encode its COPY fields as a batch does.
// Prints the process's CPU (all threads: the collector's and the JIT's included) per document, over five
// rounds of 5,000 documents — the first cold, as the start of a seed is. For back-to-back comparisons of the
// generator (bench:ingest-cpu --generation measures it inside a real load, with the database's noise).
import { encodeDocumentCopyFields } from "@/lib/ingest/document-copy-row";
import { generateSyntheticDocuments } from "@/lib/synthetic/generate-synthetic-documents";

const ROUNDS = 5;
const DOCUMENTS = 5000;
const perDocument: string[] = [];
for (let round = 0; round < ROUNDS; round += 1) {
  const before = process.cpuUsage();
  let bytes = 0;
  const options = { reports: DOCUMENTS, years: { from: 2019, to: 2025 }, seed: 11 + round };
  for (const document of generateSyntheticDocuments(options))
    bytes += encodeDocumentCopyFields(document).length;
  const used = process.cpuUsage(before);
  perDocument.push(((used.user + used.system) / 1000 / DOCUMENTS).toFixed(3));
  if (bytes === 0) throw new Error("no documents");
}
console.log(
  `ms of CPU per document, ${ROUNDS} rounds of ${DOCUMENTS} (the first cold): ${perDocument.join(" ")}`,
);
