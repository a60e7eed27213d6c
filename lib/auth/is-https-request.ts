// Whether the browser reached us over HTTPS. Next sets X-Forwarded-Proto from its own socket when no proxy
// did; a TLS-terminating proxy sets "https". A client faking it only gets itself a cookie it cannot keep.
export function isHttpsRequest(headers: Headers): boolean {
  return headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase() === "https";
}
