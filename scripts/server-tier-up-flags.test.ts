// The production server's tiering flags reach a real Node process and do what they are for: a function run
// once per "request" is optimised by TurboFan after fewer calls than under Node's defaults. Node refuses to
// start on a V8 flag it does not know, so a Node upgrade that renames one fails here first.
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { SERVER_TIER_UP_FLAGS } from "./server-tier-up-flags";

// A request handler's shape: no loop of its own, a few hundred bytes of bytecode, the same types every call.
// --allow-natives-syntax for %GetOptimizationStatus (bit 16: optimised); synchronous compiling, so a function
// marked for TurboFan is compiled on its next call rather than whenever a helper thread gets to it.
const PROGRAM = `
function handle(request) {
  const headers = {};
  for (const [name, value] of Object.entries(request)) headers[name.toLowerCase()] = String(value);
  const parts = (headers.url ?? "/").split("/").filter(Boolean);
  let route = "root";
  if (parts[0] === "api") route = parts[1] === "reports" ? "reports" : "api";
  else if (parts.length > 2) route = "deep";
  return { route, parts: parts.length, type: headers["content-type"] ?? "", length: Number(headers["content-length"]) };
}
const calls = Number(process.argv[1]);
for (let i = 0; i < calls; i++)
  handle({ url: "/api/reports/" + i, "Content-Type": "text/plain", "Content-Length": i % 100 });
console.log((%GetOptimizationStatus(handle) & 16) !== 0 ? "optimised" : "not optimised");
`;

function statusAfter(calls: number, flags: readonly string[]): string {
  return execFileSync(
    process.execPath,
    [...flags, "--allow-natives-syntax", "--no-concurrent-recompilation", "-e", PROGRAM, String(calls)],
    { env: { PATH: process.env.PATH, NODE_ENV: "production" }, encoding: "utf8" },
  ).trim();
}

describe("SERVER_TIER_UP_FLAGS", () => {
  it("has a request-sized function optimised after 300 calls, which Node's defaults leave unoptimised", () => {
    expect(statusAfter(300, [])).toBe("not optimised");
    expect(statusAfter(300, SERVER_TIER_UP_FLAGS)).toBe("optimised");
  });
});
