// The reader's one entry point: bytes → extract → find tables → map cells → check → resolve agency.
// Never throws: an unexpected failure is answered as CORRUPT_FILE, so one bad file never stops a batch, and is
// passed to onUnexpectedError listeners (unexpected-errors.ts) so it is never silently swallowed.
import type { ReadResult } from "@/lib/reader/types";
import { extractDocument } from "@/lib/reader/extract/extract-document";
import { makeReadError } from "@/lib/reader/extract/read-error";
import { resolveAgency } from "@/lib/reader/region/resolve-agency";
import { readDocument } from "./read-document";
import { reportUnexpectedError } from "./unexpected-errors";

export async function readReport(bytes: Uint8Array, fileName: string): Promise<ReadResult> {
  try {
    const extracted = await extractDocument(bytes, fileName);
    if ("ok" in extracted) return extracted;
    const reading = readDocument(extracted);
    if (reading.ok === false) return reading;
    const { agencyAsPrinted, ...rest } = reading;
    const resolved = resolveAgency({ asPrinted: agencyAsPrinted, text: reading.text });
    return {
      ...rest,
      agency: { ...resolved.agency, as_printed: resolved.agency.as_printed ?? agencyAsPrinted },
      regionCodes: resolved.regionCodes,
      findings: [...reading.findings, ...resolved.findings],
    };
  } catch (error) {
    reportUnexpectedError(error, "readReport");
    return makeReadError("CORRUPT_FILE", null);
  }
}
