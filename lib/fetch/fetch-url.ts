// One URL fetched across the SSRF boundary (issue 20): the host is resolved, every address it resolves to is
// checked (lib/fetch/classify-address.ts), and the connection goes to the checked address — the socket's
// lookup is pinned to it, so a second DNS answer (rebinding) cannot switch it. Each redirect is a new URL
// checked the same way. Hosts in FETCH_ALLOW_HOSTS skip the address check. No cookies or credentials are
// sent (nothing but the headers below; Set-Cookie is ignored; URLs with user:password are refused), one
// request at a time per host, a deadline over the whole fetch and a size limit (MAX_UPLOAD_MB) on the body.
// Every refusal and failure is an AppError with a FETCH_* code.
//   const page = await fetchUrl("https://www.example.gov.cn/art/2024/1/1/art_1.html", { config });
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { AppError } from "@/lib/api/app-error";
import { classifyAddress } from "@/lib/fetch/classify-address";
import { isAllowedHost, type FetchConfig } from "@/lib/fetch/fetch-config";
import { fileNameFor } from "@/lib/fetch/file-name-for";
import { runPerHost } from "@/lib/fetch/host-queue";

export const FETCH_USER_AGENT =
  "NianbaoDashboard/0.1 (+government information disclosure annual reports; one request at a time)";
export const MAX_REDIRECTS = 5;

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** How host names become addresses; tests inject one (`evil.test` → 127.0.0.2). */
export type LookupAddresses = (hostname: string) => Promise<ResolvedAddress[]>;

export interface FetchOptions {
  config: FetchConfig;
  lookup?: LookupAddresses;
}

export interface FetchedFile {
  /** The address asked for, and the one the bytes came from after redirects. */
  requestedUrl: string;
  url: string;
  contentType: string | null;
  fileName: string;
  bytes: Uint8Array;
  fetchedAt: Date;
}

const systemLookup: LookupAddresses = async (hostname) =>
  (await dns.promises.lookup(hostname, { all: true, verbatim: true })).map((entry) => ({
    address: entry.address,
    family: entry.family === 6 ? 6 : 4,
  }));

export function parseFetchUrl(input: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(input.trim(), base);
  } catch {
    throw new AppError("FETCH_INVALID_URL", `网址无效：${input.slice(0, 200)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new AppError("FETCH_INVALID_URL", `只能导入 http 或 https 网址：${url.protocol}`);
  if (url.username || url.password) throw new AppError("FETCH_INVALID_URL", "网址中不能带用户名或密码");
  if (!url.hostname) throw new AppError("FETCH_INVALID_URL");
  url.hash = "";
  return url;
}

export async function fetchUrl(input: string | URL, options: FetchOptions): Promise<FetchedFile> {
  const deadline = Date.now() + options.config.timeoutMs;
  const requestedUrl = typeof input === "string" ? parseFetchUrl(input) : input;
  let url = requestedUrl;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop += 1) {
    const target = await resolveChecked(url, options);
    const answer = await runPerHost(url.host, () => requestOnce(url, target, { ...options, deadline }));
    if ("location" in answer) {
      url = parseFetchUrl(answer.location, url);
      continue;
    }
    return {
      requestedUrl: requestedUrl.href,
      url: url.href,
      contentType: answer.contentType,
      fileName: fileNameFor(url, answer.contentType, answer.disposition),
      bytes: answer.bytes,
      fetchedAt: new Date(),
    };
  }
  throw new AppError("FETCH_TOO_MANY_REDIRECTS", `跳转超过 ${MAX_REDIRECTS} 次：${requestedUrl.href}`);
}

/** The address to connect to: every address the host resolves to must pass, unless the host is allowed. */
export async function resolveChecked(url: URL, options: FetchOptions): Promise<ResolvedAddress> {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const literal = net.isIP(host);
  let addresses: ResolvedAddress[];
  if (literal) addresses = [{ address: host, family: literal === 6 ? 6 : 4 }];
  else {
    try {
      addresses = await (options.lookup ?? systemLookup)(host);
    } catch {
      throw new AppError("FETCH_FAILED", `无法解析域名 ${host}`);
    }
    if (addresses.length === 0) throw new AppError("FETCH_FAILED", `无法解析域名 ${host}`);
  }
  if (isAllowedHost(url, options.config.allowHosts)) return addresses[0]!;
  for (const { address } of addresses) {
    const kind = classifyAddress(address);
    if (kind !== null)
      throw new AppError(
        "FETCH_BLOCKED_ADDRESS",
        `${url.host} 指向内部或保留地址（${address}，${kind}），不允许抓取`,
      );
  }
  return addresses[0]!;
}

type Answer =
  { location: string } | { bytes: Uint8Array; contentType: string | null; disposition: string | null };

function requestOnce(
  url: URL,
  target: ResolvedAddress,
  options: FetchOptions & { deadline: number },
): Promise<Answer> {
  const remaining = options.deadline - Date.now();
  if (remaining <= 0) return Promise.reject(timeoutError(url));
  const maxBytes = options.config.maxBytes;
  return new Promise<Answer>((resolve, reject) => {
    const pinned: net.LookupFunction = (_hostname, lookupOptions, callback) => {
      // Whatever the socket asks, it gets the address that was checked.
      if ((lookupOptions as { all?: boolean }).all)
        (callback as (e: null, a: dns.LookupAddress[]) => void)(null, [target]);
      else callback(null, target.address, target.family);
    };
    const transport = url.protocol === "https:" ? https : http;
    const request = transport.request({
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ""),
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      method: "GET",
      agent: false,
      lookup: pinned,
      headers: {
        "User-Agent": FETCH_USER_AGENT,
        Accept:
          "text/html,application/pdf,application/msword,application/vnd.openxmlformats-officedocument.wordprocessingml.document,*/*;q=0.5",
        "Accept-Language": "zh-CN,zh;q=0.9",
        "Accept-Encoding": "identity",
      },
    });
    const timer = setTimeout(() => request.destroy(timeoutError(url)), remaining);
    const fail = (error: unknown) => {
      clearTimeout(timer);
      reject(error instanceof AppError ? error : connectionError(url, error));
    };
    request.on("error", fail);
    request.on("response", (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      if (status >= 300 && status < 400 && location) {
        clearTimeout(timer);
        response.destroy();
        request.destroy();
        resolve({ location });
        return;
      }
      if (status < 200 || status >= 300) {
        response.destroy();
        fail(new AppError("FETCH_HTTP_ERROR", `对方网站返回 HTTP ${status}：${url.href}`));
        return;
      }
      const declared = Number(response.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes) {
        response.destroy();
        fail(tooLarge(url, maxBytes));
        return;
      }
      const chunks: Buffer[] = [];
      let received = 0;
      response.on("data", (chunk: Buffer) => {
        received += chunk.byteLength;
        if (received > maxBytes) {
          response.destroy();
          request.destroy();
          fail(tooLarge(url, maxBytes));
          return;
        }
        chunks.push(chunk);
      });
      response.on("error", fail);
      response.on("end", () => {
        clearTimeout(timer);
        const contentType = response.headers["content-type"] ?? null;
        const disposition = response.headers["content-disposition"] ?? null;
        resolve({ bytes: new Uint8Array(Buffer.concat(chunks)), contentType, disposition });
      });
    });
    request.end();
  });
}

function timeoutError(url: URL): AppError {
  return new AppError("FETCH_TIMEOUT", `对方网站响应超时：${url.href}`);
}

function tooLarge(url: URL, maxBytes: number): AppError {
  const mb = (maxBytes / 1024 / 1024).toFixed(1).replace(/\.0$/, "");
  return new AppError("FETCH_TOO_LARGE", `文件超过上限 ${mb} MB（MAX_UPLOAD_MB）：${url.href}`);
}

function connectionError(url: URL, error: unknown): AppError {
  const code = (error as { code?: unknown } | null)?.code;
  return new AppError(
    "FETCH_FAILED",
    `无法连接对方网站${typeof code === "string" ? `（${code}）` : ""}：${url.href}`,
  );
}
