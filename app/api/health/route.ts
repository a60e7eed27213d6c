// GET /api/health — for load balancers and monitors, no sign-in: 200 {"status":"ok"} when the database answers
// and every migration is applied, else 503 with the reason's code. Two small queries; never cached.
import { db } from "@/lib/db";
import { getPool } from "@/lib/db/create-client";
import { checkDatabaseHealth } from "@/lib/db/check-database-health";

export const dynamic = "force-dynamic";

const MESSAGES = {
  DATABASE_UNAVAILABLE: "数据库暂时无法连接，请稍后再试",
  MIGRATIONS_PENDING: "数据库结构尚未更新到当前版本（有迁移未执行）",
} as const;

export async function GET(): Promise<Response> {
  const headers = { "Cache-Control": "no-store" };
  const health = await checkDatabaseHealth({ pool: getPool(db) }).catch((error: unknown) => {
    console.error("[health] check failed", error);
    return { ok: false as const, code: "DATABASE_UNAVAILABLE" as const };
  });
  if (health.ok) {
    return Response.json({ status: "ok", database: "ok", migrations: health.migrations }, { headers });
  }
  return Response.json(
    { status: "unavailable", error: { code: health.code, message: MESSAGES[health.code] } },
    { status: 503, headers },
  );
}
