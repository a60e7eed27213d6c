// Sends one address to POST /api/reports/fetch and resolves with what the server found there, or with an
// error the page can show (network, HTTP status, signed out).
import type { UrlImport } from "@/lib/ingest/import-from-url";

export type UrlSendOutcome = { kind: "result"; result: UrlImport } | { kind: "failed"; message: string };

export async function sendUrl(url: string): Promise<UrlSendOutcome> {
  let response: Response;
  try {
    response = await fetch("/api/reports/fetch", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ url }),
    });
  } catch {
    return { kind: "failed", message: "网络连接中断，请重试。" };
  }
  const body = (await response.json().catch(() => null)) as
    (UrlImport & { error?: { code: string; message: string } }) | null;
  if (response.ok && body && Array.isArray(body.results)) return { kind: "result", result: body };
  if (response.status === 401) return { kind: "failed", message: "登录已失效，请重新登录后重试。" };
  if (body?.error) return { kind: "failed", message: `${body.error.message}（${body.error.code}）` };
  return { kind: "failed", message: `服务器返回错误（HTTP ${response.status}），请重试。` };
}
