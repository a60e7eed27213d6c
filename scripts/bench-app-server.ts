// The production server for HTTP benchmarks: `npm start`'s own start script on a database URL of the
// bench's (a throwaway embedded PostgreSQL), loopback only, with a known administrator to sign in as.
import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

export const BENCH_ADMIN = { email: "bench-admin@nianbao.test", password: "bench-admin-password-1" };

export function startBenchApp(options: {
  port: number;
  databaseUrl: string;
  env?: Record<string, string>;
  /** Lets SIGUSR2 to the Next server start and stop a CPU profile written here (cpu-profile-preload.mjs). */
  cpuProfileDir?: string;
}): Promise<ChildProcess> {
  const profiling = options.cpuProfileDir
    ? {
        NODE_OPTIONS: [
          process.env.NODE_OPTIONS,
          `--import ${pathToFileURL(path.resolve("scripts", "cpu-profile-preload.mjs")).href}`,
        ]
          .filter(Boolean)
          .join(" "),
        BENCH_CPU_PROFILE_DIR: path.resolve(options.cpuProfileDir),
      }
    : {};
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], {
    env: {
      ...process.env,
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      ADMIN_EMAIL: BENCH_ADMIN.email,
      ADMIN_PASSWORD: BENCH_ADMIN.password,
      BETTER_AUTH_SECRET: "bench-only-session-secret-0123456789abcdef",
      NEXT_TELEMETRY_DISABLED: "1",
      ...profiling,
      ...options.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.length > 20_000) output = output.slice(-10_000);
      if (output.includes("已启动")) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`the app exited (${code}):\n${output.slice(-3000)}`)));
  });
}

export async function stopBenchApp(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

/** Signs the bench administrator in and returns the Cookie header to send. */
export async function signInBenchAdmin(base: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: base },
    body: JSON.stringify(BENCH_ADMIN),
  });
  if (!response.ok) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return response.headers
    .getSetCookie()
    .map((value) => value.split(";")[0])
    .join("; ");
}

/** The pid of the Next server among the start script's child processes (read from /proc, Linux): its command
 * line, or the title Next gives its process ("next-server (v…)"); null where not found. */
export function findNextServerPid(startPid: number): number | null {
  for (const name of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) !== startPid) continue;
      const commandLine = readFileSync(`/proc/${name}/cmdline`, "utf8");
      if (/next-server|next[\\/]dist[\\/]bin[\\/]next/.test(commandLine)) return Number(name);
    } catch {
      // Ended while the list was read.
    }
  }
  return null;
}
