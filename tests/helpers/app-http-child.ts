// Child process for the database-outage test: the upload route's work (receiveUpload, errors mapped by
// errorResponse as withAuth maps them) and the health check, served over plain HTTP on a database URL the
// test owns — so the test can kill and restart the database under a server that stays up.
//   node --import tsx tests/helpers/app-http-child.ts <databaseUrl> <httpPort>
import http from "node:http";
import { Readable } from "node:stream";
import { errorResponse } from "@/lib/api/error-response";
import { createClient, getPool } from "@/lib/db/create-client";
import { checkDatabaseHealth } from "@/lib/db/check-database-health";
import { receiveUpload } from "@/lib/ingest/receive-upload";

const UPLOADER = {
  id: "outage-test-staff",
  email: "outage@example.gov.cn",
  role: "staff",
  regions: [] as string[],
};

async function main(): Promise<void> {
  const [url, httpPort] = process.argv.slice(2);
  if (!url || !httpPort) throw new Error("usage: app-http-child.ts <databaseUrl> <httpPort>");
  const db = createClient(url);
  await db.user.upsert({
    where: { id: UPLOADER.id },
    create: { id: UPLOADER.id, email: UPLOADER.email, name: "outage", role: "staff" },
    update: {},
  });
  const handle = async (req: http.IncomingMessage): Promise<Response> => {
    if (req.url === "/health") {
      const health = await checkDatabaseHealth({ pool: getPool(db) });
      return Response.json(health, { status: health.ok ? 200 : 503 });
    }
    const request = new Request(`http://127.0.0.1${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: Readable.toWeb(req) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    return receiveUpload(db, { request, uploader: UPLOADER, ip: "127.0.0.1" });
  };
  const server = http.createServer((req, res) => {
    handle(req)
      .catch((error: unknown) => errorResponse(error))
      .then(async (response) => {
        res.writeHead(response.status, { "content-type": "application/json" });
        res.end(Buffer.from(await response.arrayBuffer()));
      })
      .catch(() => res.destroy());
  });
  // The test's fetch reuses keep-alive sockets; on a busy machine the gap between two uploads can pass
  // Node's 5 s default and the server closes a socket the client is just writing to ("other side closed").
  server.keepAliveTimeout = 120_000;
  server.listen(Number(httpPort), "127.0.0.1", () => process.stdout.write("READY\n"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
