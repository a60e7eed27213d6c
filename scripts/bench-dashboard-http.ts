// bench:dashboard --http — whole-page server time: the production app (`npm start`'s start script, the same
// build) on the bench's database, one signed-in session, each page URL fetched BENCH_RUNS times one after
// another after a warm-up, timed from the request to the last byte of the streamed HTML (every <Suspense>
// section rendered), on loopback.
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { signInBenchAdmin, startBenchApp, stopBenchApp } from "./bench-app-server";
import { findFreePort } from "@/lib/db/find-free-port";

export interface PageTarget {
  label: string;
  /** Path and query, e.g. "/rankings?year=2025&region=51". */
  path: string;
}

export interface HttpTiming {
  label: string;
  p50: number;
  p95: number;
}

export async function measurePagesOverHttp(options: {
  databaseUrl: string;
  targets: readonly PageTarget[];
  runs: number;
  report: (timing: HttpTiming) => void;
}): Promise<HttpTiming[]> {
  const port = await findFreePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const app = await startBenchApp({ port, databaseUrl: options.databaseUrl });
  console.log(`app started in ${((performance.now() - started) / 1000).toFixed(1)} s (${base})`);
  try {
    const cookie = await signInBenchAdmin(base);
    const timings: HttpTiming[] = [];
    for (const target of options.targets) {
      const get = () => fetchWhole(`${base}${target.path}`, cookie);
      const { body } = await get();
      // BENCH_SAVE_PAGES=<folder>: each page's HTML kept there, to see what its bytes are.
      if (process.env.BENCH_SAVE_PAGES) {
        await mkdir(process.env.BENCH_SAVE_PAGES, { recursive: true });
        const name = target.label.replace(/^HTTP\s+/, "").replace(/[^\p{L}\p{N}]+/gu, "-");
        await writeFile(path.join(process.env.BENCH_SAVE_PAGES, `${name}.html`), body);
      }
      const samples: number[] = [];
      for (let i = 0; i < options.runs; i++) samples.push((await get()).elapsed);
      samples.sort((a, b) => a - b);
      const pick = (p: number) => samples[Math.min(samples.length - 1, Math.floor(p * samples.length))]!;
      // The page's size (HTML with its RSC payload, uncompressed) beside its time.
      const size = `${Math.round(Buffer.byteLength(body) / 1024)} KB`;
      const timing = { label: `${target.label} [${size}]`, p50: pick(0.5), p95: pick(0.95) };
      options.report(timing);
      timings.push(timing);
    }
    return timings;
  } finally {
    await stopBenchApp(app);
  }
}

/** Milliseconds from sending the request to the last byte of a 200 answer, and the answer. */
async function fetchWhole(url: string, cookie: string): Promise<{ elapsed: number; body: string }> {
  const start = performance.now();
  const response = await fetch(url, { headers: { cookie }, redirect: "manual" });
  const body = await response.text();
  const elapsed = performance.now() - start;
  if (response.status !== 200) throw new Error(`GET ${url}: HTTP ${response.status}`);
  // A section that failed on the server streams its error's digest for the error boundary (still a 200) —
  // inside the RSC payload's script as `E{\"digest\":\"…\"}`, with the quotes escaped.
  if (/\\?"digest\\?":/.test(body)) throw new Error(`GET ${url}: a section failed (see the app's log)`);
  return { elapsed, body };
}
