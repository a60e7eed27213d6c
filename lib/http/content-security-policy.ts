// The Content-Security-Policy of every page, built per request around a fresh nonce (proxy.ts): scripts
// run only from our own bundles that carry the nonce — Next puts it on its scripts when it finds it in the
// request's CSP header — so a script an attacker manages to inject inline does not run. Styles keep
// 'unsafe-inline': React style attributes (charts) need it, and injected CSS cannot run code.
import { randomBytes } from "node:crypto";

export function createNonce(): string {
  return randomBytes(18).toString("base64");
}

export function buildContentSecurityPolicy(options: { nonce: string; dev: boolean }): string {
  return [
    "default-src 'self'",
    // 'strict-dynamic': what a nonce-bearing script loads may run; 'unsafe-eval' only for dev's fast refresh.
    `script-src 'self' 'nonce-${options.nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    // pdf.js draws the original beside the review in a module worker served from /pdfjs (app/pdfjs): named
    // here, since under 'strict-dynamic' the fallback to script-src would ignore 'self'.
    "worker-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Sent only on responses a trusted proxy says went out over HTTPS: a year, this host only. */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000";
