// Legacy Word (.doc) and WPS files → rows, by way of LibreOffice when it is installed: the file is converted to
// .docx (convert-with-libreoffice.ts) and read like any Word file. Without LibreOffice the file is rejected with
// LEGACY_DOC, whose message says how to install it or what to upload instead.
import type { ExtractedDocument, ReadError } from "@/lib/reader/types";
import { makeReadError } from "@/lib/reader/extract/read-error";
import { extractDocx } from "@/lib/reader/extract/extract-docx";
import {
  CONVERSION_TIMEOUT_MS,
  convertWithLibreOffice,
  findLibreOffice,
} from "@/lib/reader/extract/convert-with-libreoffice";

const MEDIA_TYPE = "application/msword";
const NOT_CONVERTED =
  "无法转换这个旧版 Word（.doc）或 WPS 文件：文件可能已损坏。请在 Word 或 WPS 中另存为 DOCX 或 PDF 后再上传。";
const TIMED_OUT =
  "转换这个旧版 Word（.doc）或 WPS 文件超时。请在 Word 或 WPS 中另存为 DOCX 或 PDF 后再上传。";

export interface LegacyDocOptions {
  /** The executable to convert with; null when it is not installed. */
  libreOffice?: string | null;
  /** How long the conversion may take before LibreOffice is killed. */
  timeoutMs?: number;
}

export async function extractLegacyDoc(
  bytes: Uint8Array,
  { libreOffice = findLibreOffice(), timeoutMs = CONVERSION_TIMEOUT_MS }: LegacyDocOptions = {},
): Promise<ExtractedDocument | ReadError> {
  if (!libreOffice) return makeReadError("LEGACY_DOC", MEDIA_TYPE);
  // Named .doc whatever it was called: LibreOffice picks its import filter by the content, then the name.
  const conversion = await convertWithLibreOffice({
    libreOffice,
    files: [{ name: "report.doc", bytes }],
    format: "docx",
    timeoutMs,
  });
  const docx = conversion.files.get("report.docx");
  if (!docx)
    return makeReadError("CORRUPT_FILE", MEDIA_TYPE, conversion.timedOut ? TIMED_OUT : NOT_CONVERTED);
  const extracted = await extractDocx(docx);
  return { ...extracted, mediaType: MEDIA_TYPE };
}
