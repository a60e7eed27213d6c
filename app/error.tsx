"use client";

import { DatabaseAwareError } from "@/components/database-aware-error";

// Shown instead of a broken page; the details stay in the server log (the digest ties them together).
export default function ErrorPage(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <DatabaseAwareError {...props} />;
}
