// CPU time used so far by a process and its descendants, read from /proc (Linux): for benchmarks, where CPU
// per request says more than throughput on a machine shared with other work — a neighbour's burst slows the
// clock time of a request, not the CPU it needs. null where /proc cannot be read.
//   const before = readProcessTreeCpu(app.pid); …; const ms = readProcessTreeCpu(app.pid)! - before!;
import { readdirSync, readFileSync } from "node:fs";

// USER_HZ: the unit of /proc/<pid>/stat's utime and stime; 100 on every Linux architecture Node runs on.
const TICKS_PER_SECOND = 100;

/** Milliseconds of user + system CPU of `rootPid` and every process below it, including children that have
 * exited and been reaped (a database's backends come and go with its clients' pool). */
export function readProcessTreeCpu(rootPid: number): number | null {
  let entries: string[];
  try {
    entries = readdirSync("/proc").filter((name) => /^\d+$/.test(name));
  } catch {
    return null;
  }
  const processes = new Map<number, { parent: number; ticks: number }>();
  for (const name of entries) {
    try {
      // The command name (field 2) may hold spaces and parentheses: the fields start after its last ")".
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      // utime, stime, and cutime, cstime: the reaped children's, which a live child's own time is not part of.
      const ticks = [11, 12, 13, 14].reduce((total, field) => total + Number(fields[field]), 0);
      processes.set(Number(name), { parent: Number(fields[1]), ticks });
    } catch {
      // The process ended while the list was read.
    }
  }
  if (!processes.has(rootPid)) return null;
  const children = new Map<number, number[]>();
  for (const [pid, { parent }] of processes) children.set(parent, [...(children.get(parent) ?? []), pid]);
  let ticks = 0;
  const pending = [rootPid];
  while (pending.length > 0) {
    const pid = pending.pop()!;
    ticks += processes.get(pid)?.ticks ?? 0;
    pending.push(...(children.get(pid) ?? []));
  }
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** Milliseconds of user + system CPU of this process's children that have exited and been waited for, with
 * their own reaped descendants (cutime + cstime of /proc/self/stat): the CPU of a command run by spawnSync is
 * the difference across the call. null where /proc cannot be read. */
export function readReapedChildrenCpu(): number | null {
  try {
    const stat = readFileSync("/proc/self/stat", "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/** Nanoseconds of CPU a thread or process has used: the first field of its schedstat (e.g.
 * `/proc/self/task/<tid>/schedstat`), finer than stat's ticks; 0 where it cannot be read (it ended). */
export function readSchedstatCpuNs(file: string): number {
  try {
    return Number(readFileSync(file, "utf8").split(" ")[0]);
  } catch {
    return 0;
  }
}

/** Nanoseconds of CPU of each thread of this process (main, workers, V8's and libuv's helpers), by thread id. */
export function readOwnThreadsCpuNs(): Map<number, number> {
  const threads = new Map<number, number>();
  for (const tid of readdirSync("/proc/self/task"))
    threads.set(Number(tid), readSchedstatCpuNs(`/proc/self/task/${tid}/schedstat`));
  return threads;
}

/** A PostgreSQL server's processes at one moment (readPostgresProcesses). */
export interface PostgresProcesses {
  /** The postmaster ("postmaster") and each of its children, with its kind and CPU milliseconds so far. */
  processes: Map<number, { kind: string; ms: number }>;
  /** Milliseconds of the postmaster's children that have exited (its cutime + cstime). */
  reaped: number;
}

// A child's kind from its process title ("postgres: autovacuum worker", "postgres: walwriter", …); any other
// child is a client's backend.
const POSTGRES_KIND =
  /postgres: (autovacuum \w+|walwriter|checkpointer|background writer|logical replication launcher|io worker|archiver)/;

/** The postmaster's processes by kind and CPU (Linux /proc), to tell a run's backends from background work. */
export function readPostgresProcesses(postmasterPid: number): PostgresProcesses {
  const processes = new Map<number, { kind: string; ms: number }>();
  let reaped = 0;
  for (const name of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const own = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
      const children = ((Number(fields[13]) + Number(fields[14])) * 1000) / TICKS_PER_SECOND;
      if (Number(name) === postmasterPid) {
        processes.set(postmasterPid, { kind: "postmaster", ms: own });
        reaped = children;
      } else if (Number(fields[1]) === postmasterPid) {
        const title = readFileSync(`/proc/${name}/cmdline`, "utf8").replace(/\0/g, " ");
        processes.set(Number(name), {
          kind: POSTGRES_KIND.exec(title)?.[1] ?? "backends",
          ms: own + children,
        });
      }
    } catch {
      // The process ended while the list was read.
    }
  }
  return { processes, reaped };
}

/** readPostgresProcesses' CPU milliseconds summed by kind, the exited children's under `exitedKind`. */
export function postgresCpuByKind(postmasterPid: number, exitedKind = "exited"): Map<string, number> {
  const kinds = new Map<string, number>();
  const { processes, reaped } = readPostgresProcesses(postmasterPid);
  for (const { kind, ms } of processes.values()) kinds.set(kind, (kinds.get(kind) ?? 0) + ms);
  kinds.set(exitedKind, reaped);
  return kinds;
}
