// The audit entry of one export, written when its stream ends: who, the filters as asked, format, type, the
// rows sent and whether the download ran to its end.
import type { AuthUser } from "@/lib/auth/auth-user";
import { recordAudit } from "@/lib/auth/audit";
import type { DbClient } from "@/lib/auth/db-client";
import type { ExportQuery } from "./export-query";
import type { ExportOutcome } from "./stream-csv-export";

export async function recordExport(options: {
  db: DbClient;
  user: Pick<AuthUser, "id" | "email" | "via">;
  query: ExportQuery;
  outcome: ExportOutcome;
  ip: string | null;
}): Promise<void> {
  const { query, outcome } = options;
  const { format, type, ...filters } = query;
  await recordAudit(options.db, {
    actor: { id: options.user.id, email: options.user.email },
    action: "export",
    target: `${type} ${format}`,
    details: {
      filters: JSON.parse(JSON.stringify(filters)) as Record<string, string | number | string[] | number[]>,
      format,
      type,
      rows: outcome.rows,
      completed: outcome.completed,
      via: options.user.via,
    },
    ip: options.ip,
  });
}
