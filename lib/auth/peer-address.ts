// The TCP peer of every request, as the server saw it. Next hands route handlers, server actions and
// proxy.ts only headers, and fills X-Forwarded-For from the socket only when the client sent none — so a
// client could name any address it liked. instrumentation.ts subscribes here to Node's
// "http.server.request.start" channel, which fires for each request before Next sees it, and writes the
// socket address onto the request under a header name drawn at random per process: a client cannot know
// it, so cannot forge it. Without the subscription (a test calling the auth API directly) there is no such
// header, and the address is unknown.
import { randomBytes } from "node:crypto";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";

type PeerState = { header: string; installed: boolean };

// On globalThis: instrumentation, proxy.ts and the route bundles are separate module instances in one process.
const STATE_KEY = Symbol.for("nianbao.peerAddress");

function peerState(): PeerState {
  const holder = globalThis as unknown as Record<symbol, PeerState | undefined>;
  return (holder[STATE_KEY] ??= {
    header: `x-nianbao-peer-${randomBytes(12).toString("hex")}`,
    installed: false,
  });
}

/** The header carrying the socket address in this process (tests set it to act as a given client). */
export function peerAddressHeader(): string {
  return peerState().header;
}

export function installPeerAddressHeader(): void {
  const state = peerState();
  if (state.installed) return;
  state.installed = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[state.header] = socket.remoteAddress ?? "";
  });
}

export function readPeerAddress(headers: Headers): string | null {
  return headers.get(peerState().header) || null;
}
