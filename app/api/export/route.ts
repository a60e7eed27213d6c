// GET /api/export — the rows of a dashboard filter as CSV or XLSX (long or wide), streamed from PostgreSQL.
// Parses the dashboard's filter schema extended with the export's own fields; analysts, admins and
// supervisors granted export; one audit entry per export once its stream has ended.
import { recordExport } from "@/lib/export/record-export";
import { exportQuerySchema, searchParamsToObject } from "@/lib/export/export-query";
import { contentDisposition } from "@/lib/export/export-file-name";
import { openExport } from "@/lib/export/open-export";
import { toWebStream } from "@/lib/export/to-web-stream";
import { getRequestIp } from "@/lib/auth/auth";
import { withAuth } from "@/lib/auth/route-handler";
import { db } from "@/lib/db";
import { readMinRateN } from "@/lib/metrics/min-rate-n";

export const GET = withAuth({ permission: "export" }, async ({ request, user }) => {
  const query = exportQuerySchema.parse(searchParamsToObject(new URL(request.url).searchParams));
  const opened = await openExport({
    db,
    query,
    minN: readMinRateN(process.env),
    now: new Date(),
    signal: request.signal,
  });
  // A client gone before this line fired "abort" already; one that leaves later is heard by the listener.
  if (request.signal.aborted) opened.stream.destroy();
  else request.signal.addEventListener("abort", () => opened.stream.destroy(), { once: true });
  const ip = getRequestIp(request.headers);
  void opened.finished.then((outcome) =>
    recordExport({ db, user, query, outcome, ip }).catch((error: unknown) =>
      console.error("[export] audit entry failed:", error instanceof Error ? error.message : error),
    ),
  );
  return new Response(toWebStream(opened.stream), {
    headers: {
      "Content-Type": opened.contentType,
      "Content-Disposition": contentDisposition(opened.fileName),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
});
