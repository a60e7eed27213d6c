// What a reading means for the document: rejected (the reader's error), waiting for staff to name the
// agency or the year, or accepted as a report. Agency and year unknown are kept, never rejected.
import type { DocumentStatus } from "@/lib/generated/prisma/client";
import type { ReadResult } from "@/lib/reader/types";

export interface Classification {
  status: DocumentStatus;
  errorCode: string | null;
  mediaType: string | null;
}

/** A reading, or the slim one a Document keeps (stored-reading.ts): the same fields decide. */
type ClassifiedReading =
  | { ok: false; error: { code: string }; mediaType: string | null }
  | { ok: true; agency: { name: string | null }; year: number | null; mediaType: string };

export function classifyReadResult(result: ReadResult | ClassifiedReading): Classification {
  if (!result.ok) return { status: "rejected", errorCode: result.error.code, mediaType: result.mediaType };
  // Staff first complete the agency (it decides the report's identity), then the year.
  if (!result.agency.name) return { status: "needs_agency", errorCode: null, mediaType: result.mediaType };
  if (result.year === null) return { status: "needs_year", errorCode: null, mediaType: result.mediaType };
  return { status: "accepted", errorCode: null, mediaType: result.mediaType };
}
