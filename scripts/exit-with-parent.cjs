// Preloaded into the Next.js server that scripts/start.ts spawns (node --require). The IPC channel to the
// start script closes when that process dies for any reason, SIGKILL included; the server then exits too
// instead of living on as an orphan that holds the port and blocks the next `npm start`.
"use strict";

// Not in the worker `next dev` forks (it inherits this preload and waits on its own IPC channel).
if (process.channel && !process.env.NEXT_PRIVATE_WORKER) {
  process.channel.unref();
  process.on("disconnect", () => process.exit(0));
}
