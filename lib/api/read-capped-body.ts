// A request body read to its end only while it stays under a limit: past it, AppError("TOO_LARGE") at once,
// whether the client announced the size (Content-Length) or streams it in chunks without one.
import { AppError } from "./app-error";

export async function readCappedBody(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) throw new AppError("TOO_LARGE", `请求内容超过 ${Math.floor(maxBytes / 1024)} KB`);
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AppError("TOO_LARGE", `请求内容超过 ${Math.floor(maxBytes / 1024)} KB`);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
