// Child process for the upload SIGKILL test: the app's upload path (lib/ingest/receive-upload.ts, the route's
// work) served over plain HTTP on its own embedded PostgreSQL (durable: fsync on), as `npm start` runs them
// in one process tree. Prints READY, answers POST /upload until it is killed.
//   node --import tsx tests/helpers/upload-server-child.ts <dataDir> <pgPort> <httpPort>
import http from "node:http";
import { Readable } from "node:stream";
import { applyMigrations } from "@/lib/db/apply-migrations";
import { createClient } from "@/lib/db/create-client";
import { createDatabaseIfMissing } from "@/lib/db/ensure-database";
import { startEmbeddedPostgres } from "@/lib/db/start-embedded-postgres";
import { receiveUpload } from "@/lib/ingest/receive-upload";

const DATABASE = "upload_kill";
const UPLOADER = {
  id: "kill-test-staff",
  email: "kill@example.gov.cn",
  role: "staff",
  regions: [] as string[],
};

async function main(): Promise<void> {
  const [dataDir, pgPort, httpPort] = process.argv.slice(2);
  if (!dataDir || !pgPort || !httpPort)
    throw new Error("usage: upload-server-child.ts <dataDir> <pgPort> <httpPort>");
  const server = await startEmbeddedPostgres({ dataDir, port: Number(pgPort), persistent: true });
  await createDatabaseIfMissing(server.adminUrl, DATABASE);
  const url = server.urlFor(DATABASE);
  await applyMigrations({ url });
  const db = createClient(url);
  await db.user.upsert({
    where: { id: UPLOADER.id },
    create: { id: UPLOADER.id, email: UPLOADER.email, name: "kill", role: "staff" },
    update: {},
  });
  http
    .createServer((req, res) => {
      const request = new Request(`http://127.0.0.1${req.url}`, {
        method: req.method,
        headers: req.headers as Record<string, string>,
        body: Readable.toWeb(req) as ReadableStream,
        duplex: "half",
      } as RequestInit);
      receiveUpload(db, { request, uploader: UPLOADER, ip: "127.0.0.1" })
        .then(async (response) => {
          res.writeHead(response.status, { "content-type": "application/json" });
          res.end(Buffer.from(await response.arrayBuffer()));
        })
        .catch((error: unknown) => {
          res.writeHead(500);
          res.end(String(error));
        });
    })
    .listen(Number(httpPort), "127.0.0.1", () => process.stdout.write("READY\n"));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
