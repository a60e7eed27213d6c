// Sign-in through a better-auth instance as a client at a given address would (the socket address the
// server sees, optionally with forwarding headers), returning the session cookie or the refusal.
import { isAPIError } from "better-auth/api";
import type { Auth } from "@/lib/auth/create-auth";
import { peerAddressHeader } from "@/lib/auth/peer-address";

export type SignInResult =
  { ok: true; cookie: string } | { ok: false; status: number; code?: string; message?: string };

/** The request headers of a client whose TCP connection comes from `peer`. */
export function headersFrom(peer: string, extra: Record<string, string> = {}): Headers {
  return new Headers({
    host: "localhost:3000",
    "user-agent": "vitest",
    ...extra,
    [peerAddressHeader()]: peer,
  });
}

export async function signInAs(
  auth: Auth,
  input: { email: string; password: string; peer: string; headers?: Record<string, string> },
): Promise<SignInResult> {
  try {
    const response = await auth.api.signInEmail({
      body: { email: input.email, password: input.password },
      headers: headersFrom(input.peer, input.headers),
      asResponse: true,
    });
    if (!response.ok) {
      const body = (await response.json()) as { code?: string; message?: string };
      return { ok: false, status: response.status, code: body.code, message: body.message };
    }
    return { ok: true, cookie: (response.headers.get("set-cookie") ?? "").split(";")[0]! };
  } catch (error) {
    if (!isAPIError(error)) throw error;
    const body = error.body as { code?: string; message?: string };
    return { ok: false, status: error.statusCode, code: body.code, message: body.message };
  }
}
