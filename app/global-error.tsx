"use client";

import { DatabaseAwareError } from "@/components/database-aware-error";
import "./globals.css";

// The root layout itself failed (it reads the signed-in user — e.g. while the database is down): this
// replaces the whole document, so it brings its own <html>.
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="zh-CN">
      <body className="min-h-screen">
        <main className="mx-auto max-w-6xl px-4 py-8">
          <DatabaseAwareError {...props} />
        </main>
      </body>
    </html>
  );
}
