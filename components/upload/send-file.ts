// Sends one file to POST /api/reports with XMLHttpRequest — fetch reports no upload progress — and resolves
// with its result, or with an error the page can show (network, HTTP status, server busy).
import type { UploadResult } from "@/lib/ingest/upload-result";

export type SendOutcome =
  { kind: "result"; result: UploadResult } | { kind: "busy" } | { kind: "failed"; message: string };

export function sendFile(
  file: File,
  handlers: { onProgress: (share: number) => void; onSent: () => void },
): { promise: Promise<SendOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<SendOutcome>((resolve) => {
    xhr.open("POST", "/api/reports");
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) handlers.onProgress(event.loaded / event.total);
    };
    xhr.upload.onload = () => handlers.onSent();
    xhr.onload = () => resolve(readResponse(xhr));
    xhr.onerror = () => resolve({ kind: "failed", message: "网络连接中断，文件未送达。" });
    xhr.onabort = () => resolve({ kind: "failed", message: "已取消。" });
    const form = new FormData();
    form.append("files", file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

function readResponse(xhr: XMLHttpRequest): SendOutcome {
  const body = xhr.response as { results?: UploadResult[]; error?: { code: string; message: string } } | null;
  const result = body?.results?.[0];
  if (xhr.status === 503 || result?.error?.code === "BUSY") return { kind: "busy" };
  if (xhr.status === 200 && result) return { kind: "result", result };
  if (xhr.status === 401) return { kind: "failed", message: "登录已失效，请重新登录后重试。" };
  if (body?.error) return { kind: "failed", message: `${body.error.message}（${body.error.code}）` };
  return { kind: "failed", message: `服务器返回错误（HTTP ${xhr.status}），请重试。` };
}
