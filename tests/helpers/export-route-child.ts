// Child process for the export's disconnect test: the real route handler of GET /api/export
// (app/api/export/route.ts — withAuth, openExport, its abort listener, toWebStream, the audit entry) on the
// app's own client (lib/db, DATABASE_URL), served over HTTP the way Next's Node server serves an app route:
// the Request's signal comes from Next's signalFromNodeResponse (aborted when the response closes before
// it finished) and the body goes out through Next's pipeToNodeResponse (which cancels the body when the
// client goes away) — as next/dist/build/templates/app-route.js and send-response.js do. No build needed.
// /health answers through the same client and pool, to show the server still serves after an abort.
//   DATABASE_URL=… node --conditions=react-server --import tsx tests/helpers/export-route-child.ts <httpPort>
// (react-server: the route's modules import "server-only", as they do inside Next.)
import http from "node:http";
import { pipeToNodeResponse } from "next/dist/server/pipe-readable";
import { signalFromNodeResponse } from "next/dist/server/web/spec-extension/adapters/next-request";
import { GET } from "@/app/api/export/route";
import { db } from "@/lib/db";

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "127.0.0.1"}`);
  if (url.pathname === "/health") {
    const [row] = await db.$queryRaw<{ one: number }[]>`SELECT 1::int AS "one"`;
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: row?.one === 1 }));
    return;
  }
  if (url.pathname !== "/api/export") {
    res.writeHead(404).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === "string") headers.set(name, value);
  const request = new Request(url, { method: req.method, headers, signal: signalFromNodeResponse(res) });
  const response = await GET(request, { params: Promise.resolve({}) });
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) await pipeToNodeResponse(response.body, res);
  else res.end();
}

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) throw new Error("usage: export-route-child.ts <httpPort>");
http
  .createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("[child]", error instanceof Error ? error.message : error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  })
  .listen(port, "127.0.0.1", () => process.stdout.write("READY\n"));
