// Preloaded (NODE_OPTIONS=--import) into the benchmarked Next server when a bench asks for a CPU profile
// (`npm run bench:upload -- --cpu-prof DIR`): `--cpu-prof` itself is refused in NODE_OPTIONS, and the start
// script's own process would take it too. SIGUSR2 starts the profiler; the next SIGUSR2 stops it and writes
// DIR/server-<pid>-<n>.cpuprofile (open it in Chrome DevTools or speedscope). Main thread of `next` only.
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector";
import path from "node:path";
import { isMainThread } from "node:worker_threads";

const dir = process.env.BENCH_CPU_PROFILE_DIR;
const isNext = /next[\\/]dist[\\/]bin[\\/]next$/.test(process.argv[1] ?? "");

if (dir && isMainThread && isNext) {
  const session = new Session();
  session.connect();
  let running = false;
  let count = 0;
  process.on("SIGUSR2", () => {
    if (!running) {
      running = true;
      // Every 200 µs rather than V8's 1 ms: a request costs a few ms.
      session.post("Profiler.enable", () =>
        session.post("Profiler.setSamplingInterval", { interval: 200 }, () => session.post("Profiler.start")),
      );
      return;
    }
    running = false;
    session.post("Profiler.stop", (error, result) => {
      if (error) return;
      count += 1;
      writeFileSync(
        path.join(dir, `server-${process.pid}-${count}.cpuprofile`),
        JSON.stringify(result.profile),
      );
    });
  });
}
