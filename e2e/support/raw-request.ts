// An HTTP request to the e2e server from a chosen loopback address (127.0.0.x): the server sees that
// address as the client's socket, so journeys can act as different clients — or as the trusted proxy
// 127.0.0.2 — without locking out 127.0.0.1, which every other journey uses.
import http from "node:http";
import { baseUrl } from "./auth-users";

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; text: string };

export function rawRequest(input: {
  from: string;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  json?: unknown;
}): Promise<RawResponse> {
  const { port } = new URL(baseUrl());
  const body = input.json === undefined ? undefined : JSON.stringify(input.json);
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: "127.0.0.1",
        port,
        localAddress: input.from,
        method: input.method ?? (body === undefined ? "GET" : "POST"),
        path: input.path,
        agent: false,
        headers: {
          host: `localhost:${port}`,
          origin: baseUrl(),
          ...(body === undefined
            ? {}
            : { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)) }),
          ...input.headers,
        },
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text }),
        );
      },
    );
    request.on("error", reject);
    if (body !== undefined) request.write(body);
    request.end();
  });
}

/** POST /api/auth/sign-in/email from `from`. */
export function rawSignIn(input: {
  from: string;
  email: string;
  password: string;
  headers?: Record<string, string>;
}) {
  return rawRequest({
    from: input.from,
    path: "/api/auth/sign-in/email",
    json: { email: input.email, password: input.password },
    headers: input.headers,
  });
}
