import { writeFileSync } from "node:fs";
import { generateReport, seededRandom } from "@/lib/reader/testing/generate-report";
import { renderHtml } from "@/lib/reader/testing/render-html";
import { renderDocx } from "@/lib/reader/testing/render-docx";
for (const seed of [1, 2, 3]) {
  const r = generateReport(seededRandom(seed));
  writeFileSync(`/tmp/rs/r${seed}.html`, renderHtml(r));
  writeFileSync(`/tmp/rs/r${seed}.docx`, await renderDocx(r));
  writeFileSync(`/tmp/rs/r${seed}.json`, JSON.stringify(r));
}
