// V8 flags for the production Next server that scripts/start.ts spawns: hot functions tier up to optimised
// code (TurboFan) sooner, so a fresh server reaches its steady cost per request in fewer requests.
// Why: V8 11.3 (Node 20) marks a function for TurboFan after 3 + bytecode length / 150 "ticks", one tick per
// --interrupt-budget (66 KB by default) of that function's own bytecode run. Next's, undici's and Node's request
// path is made of large functions run once or a few times per request, so they stay in the interpreter and
// Sparkplug for thousands of requests: http17 counted 45–63 of them still compiled for the first time per 200
// uploads through a server's 1,200th upload, with 73 % of the request thread's samples in V8's builtins and
// runtime (unoptimised code) — ≈ 1.5–3 ms more CPU per upload in the first hundreds of uploads than by the
// 1,000th (BENCHMARKS.md, `http17`, `http18`). A quarter of the budget tiers them up after a quarter of the
// requests. What it costs: more TurboFan compiling early (on V8's helper threads, not the request thread),
// functions that are only lukewarm compiled too (more code memory), and a tick's bookkeeping four times as
// often. Measured (BENCHMARKS.md, `http18`): the request thread 1–2 ms less per upload from the first rounds on
// and the server ≈ 30 % less by its 600th upload, the first 400 uploads no cheaper in all (the helpers compile
// what the request thread no longer interprets); pages and resident memory unchanged within the noise; an
// eighth of the budget compiled more in the first 200 uploads and was not better later.
// Not NODE_OPTIONS: Node refuses V8 tiering flags there; they go on the server's command line.
export const SERVER_TIER_UP_FLAGS = ["--interrupt-budget=16896"] as const;
