// The slim reading a Document keeps beside its bytes: what the reader found about the document (agency,
// regions, year, template, findings) or why it refused it — not the cells (an accepted document's cells are
// its report's; a document completed later is read again) and not the extracted text. Parsed with zod when
// read back, so a reading stored by an older reader is checked, not trusted.
import { z } from "zod";
import { AGENCY_KINDS, type Finding, type ReadResult } from "@/lib/reader/types";

const agencyInfoSchema = z.object({
  name: z.string().nullable(),
  as_printed: z.string().nullable(),
  kind: z.enum(AGENCY_KINDS).nullable(),
  province: z.string().nullable(),
  city: z.string().nullable(),
  county: z.string().nullable(),
  town: z.string().nullable(),
  department: z.string().nullable(),
  parent: z.string().nullable(),
});

const regionCodesSchema = z.object({
  province: z.string().nullable(),
  city: z.string().nullable(),
  county: z.string().nullable(),
  town: z.string().nullable(),
});

export const storedFindingSchema = z.object({
  code: z.string(),
  severity: z.enum(["error", "warning", "info"]),
  kind: z.enum(["inconsistent", "uncertain"]),
  cells: z.array(z.string()),
  message: z.string(),
});

export const storedReadingSchema = z.discriminatedUnion("ok", [
  z.object({
    ok: z.literal(true),
    mediaType: z.string(),
    agency: agencyInfoSchema,
    regionCodes: regionCodesSchema,
    year: z.number().int().nullable(),
    template: z.enum(["2019", "2021"]),
    findings: z.array(storedFindingSchema),
  }),
  z.object({
    ok: z.literal(false),
    // Codes as the reader of the time wrote them: a later reader may have more or fewer.
    error: z.object({ code: z.string(), message: z.string() }),
    mediaType: z.string().nullable(),
  }),
]);

export type StoredReading = z.infer<typeof storedReadingSchema>;

/** The reading's slim part; `moreFindings` (ingestion's own, of an accepted reading) after the reader's. */
export function toStoredReading(result: ReadResult, moreFindings: readonly Finding[] = []): StoredReading {
  if (!result.ok) return { ok: false, error: result.error, mediaType: result.mediaType };
  const { mediaType, agency, regionCodes, year, template } = result;
  // A new array either way: the document's findings are not the reading's (a caller may add to either).
  return {
    ok: true,
    mediaType,
    agency,
    regionCodes,
    year,
    template,
    findings: [...result.findings, ...moreFindings],
  };
}

export function parseStoredReading(json: unknown): StoredReading {
  return storedReadingSchema.parse(json);
}
