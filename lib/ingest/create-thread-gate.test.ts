// The thread gate on a clock of its own (fake timers): one task at a time until one waits GROW_AFTER_MS,
// then all threads until none has waited that long for keepGrownMs; a starting thread's grace; the bounded
// queue; a task that times out while waiting; openAll.
import { afterEach, beforeEach, expect, it, vi } from "vitest";
import { createThreadGate, GROW_AFTER_MS, START_GRACE_MS, ThreadGateFullError } from "./create-thread-gate";

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

/** Tasks that end when the test says so, and a count of those running at once. */
function makeTasks() {
  let running = 0;
  let most = 0;
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const task = (name: string) => () => {
    running++;
    most = Math.max(most, running);
    started.push(name);
    return new Promise<string>((resolve) => {
      finishers.set(name, () => {
        running--;
        resolve(name);
      });
    });
  };
  const finish = async (name: string) => {
    finishers.get(name)!();
    await vi.advanceTimersByTimeAsync(0);
  };
  return { task, finish, started, most: () => most, running: () => running };
}

function makeGate(threadsRunning = () => 1, maxThreads = 2) {
  return createThreadGate({
    maxThreads,
    queueLimit: 3,
    keepGrownMs: 60_000,
    threadsRunning,
    now: () => Date.now(),
  });
}

it("runs one task at a time, in order, while none waits long", async () => {
  const gate = makeGate();
  const { task, finish, started, most } = makeTasks();
  const results = ["a", "b", "c"].map((name) => gate.run(task(name)));
  await vi.advanceTimersByTimeAsync(0);
  expect(started).toEqual(["a"]);
  await vi.advanceTimersByTimeAsync(GROW_AFTER_MS - 10);
  await finish("a");
  expect(started).toEqual(["a", "b"]);
  await finish("b");
  await finish("c");
  expect(await Promise.all(results)).toEqual(["a", "b", "c"]);
  expect(most()).toBe(1);
  expect(gate.allowed()).toBe(1);
});

it("lets every thread work once a task has waited GROW_AFTER_MS, and goes back to one keepGrownMs later", async () => {
  const gate = makeGate();
  const { task, finish, started, running } = makeTasks();
  void gate.run(task("slow"));
  void gate.run(task("waiting"));
  await vi.advanceTimersByTimeAsync(GROW_AFTER_MS - 1);
  expect(started).toEqual(["slow"]);
  await vi.advanceTimersByTimeAsync(1);
  expect(started).toEqual(["slow", "waiting"]);
  expect(running()).toBe(2);
  expect(gate.allowed()).toBe(2);
  await finish("slow");
  await finish("waiting");
  await vi.advanceTimersByTimeAsync(60_000);
  expect(gate.allowed()).toBe(1);
  void gate.run(task("x"));
  void gate.run(task("y"));
  await vi.advanceTimersByTimeAsync(0);
  expect(started.slice(2)).toEqual(["x"]);
});

it("gives a thread that is starting START_GRACE_MS before its queue counts as waiting", async () => {
  let threads = 0;
  const gate = makeGate(() => threads);
  const { task, finish, started } = makeTasks();
  void gate.run(task("first"));
  threads = 1; // the pool started a thread for it
  void gate.run(task("second"));
  await vi.advanceTimersByTimeAsync(GROW_AFTER_MS + START_GRACE_MS - 1);
  expect(started).toEqual(["first"]);
  await finish("first");
  expect(started).toEqual(["first", "second"]);
  expect(gate.allowed()).toBe(1);
  // A thread that never answers does not hold the queue longer than its grace.
  threads = 0;
  await finish("second");
  void gate.run(task("hangs"));
  threads = 1;
  void gate.run(task("behind"));
  await vi.advanceTimersByTimeAsync(GROW_AFTER_MS + START_GRACE_MS);
  expect(started.slice(2)).toEqual(["hangs", "behind"]);
});

it("counts the wait of files queued behind a starting thread from its first answer", async () => {
  let threads = 0;
  const gate = makeGate(() => threads);
  const { task, finish, started } = makeTasks();
  void gate.run(task("first"));
  threads = 1;
  void gate.run(task("second"));
  void gate.run(task("third"));
  await vi.advanceTimersByTimeAsync(2 * GROW_AFTER_MS);
  await finish("first");
  // A file asked for now sees "third" waiting since the start, not since the thread's first answer.
  void gate.run(task("fourth"));
  await vi.advanceTimersByTimeAsync(GROW_AFTER_MS - 1);
  expect(started).toEqual(["first", "second"]);
  expect(gate.allowed()).toBe(1);
  await finish("second");
  expect(started).toEqual(["first", "second", "third"]);
  expect(gate.allowed()).toBe(1);
});

it("refuses a task when its queue is full", async () => {
  const gate = makeGate(() => 1, 1);
  const { task } = makeTasks();
  void gate.run(task("running"));
  const queued = ["q1", "q2", "q3"].map((name) => gate.run(task(name)));
  await expect(gate.run(task("one too many"))).rejects.toBeInstanceOf(ThreadGateFullError);
  expect(queued).toHaveLength(3);
});

it("answers a task whose signal aborts while it waits as aborted, and the queue moves on", async () => {
  const gate = makeGate(() => 1, 1);
  const { task, finish, started } = makeTasks();
  void gate.run(task("running"));
  const controller = new AbortController();
  const aborted = gate.run(task("times out"), controller.signal);
  const next = gate.run(task("next"));
  controller.abort();
  await expect(aborted).rejects.toMatchObject({ name: "AbortError" });
  await expect(gate.run(task("late"), AbortSignal.abort())).rejects.toMatchObject({ name: "AbortError" });
  await finish("running");
  expect(started).toEqual(["running", "next"]);
  await finish("next");
  expect(await next).toBe("next");
});

it("opens every thread at once for a bulk import", async () => {
  const gate = makeGate(() => 1, 4);
  gate.openAll();
  const { task, running } = makeTasks();
  for (const name of ["a", "b", "c", "d", "e"]) void gate.run(task(name));
  await vi.advanceTimersByTimeAsync(0);
  expect(running()).toBe(4);
  expect(gate.allowed()).toBe(4);
  await vi.advanceTimersByTimeAsync(10 * 60_000);
  expect(gate.allowed()).toBe(4);
});
