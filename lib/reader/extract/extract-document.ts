// Bytes → rows of cells, whatever the format. Never throws: every failure is a ReadError with a stable code.
import type { ExtractedDocument, ReadError } from "@/lib/reader/types";
import { makeReadError } from "@/lib/reader/extract/read-error";
import { detectMediaType } from "@/lib/reader/extract/detect-media-type";
import { decodeText } from "@/lib/reader/extract/decode-text";
import { extractText } from "@/lib/reader/extract/extract-text";
import { extractMarkdown, looksLikeMarkdown } from "@/lib/reader/extract/extract-markdown";
import { extractHtml, looksLikeHtml } from "@/lib/reader/extract/extract-html";
import { extractDocx } from "@/lib/reader/extract/extract-docx";
import { extractLegacyDoc } from "@/lib/reader/extract/extract-legacy-doc";
import { extractMhtml, looksLikeMhtml } from "@/lib/reader/extract/extract-mhtml";
import { extractPdf, preloadPdfReader } from "@/lib/reader/extract/extract-pdf";
import { reportUnexpectedError } from "@/lib/reader/unexpected-errors";

/** Larger than any real report (the biggest PDFs seen are a few MB); guards memory on bulk uploads. */
export const MAX_INPUT_BYTES = 50 * 1024 * 1024;

const RTF_MESSAGE = "这是 RTF 格式文件，暂不支持直接读取。请在 Word 或 WPS 中另存为 DOCX 或 PDF 后再上传。";
const OFD_MESSAGE = "这是 OFD 版式文件，暂不支持读取。请上传同一报告的 PDF、Word 或网页版本。";

/** Load the lazily loaded parts (pdf.js) ahead of the first document, e.g. at server start or in a benchmark. */
export async function preloadExtractors(): Promise<void> {
  await preloadPdfReader();
}

export async function extractDocument(
  bytes: Uint8Array,
  fileName: string,
): Promise<ExtractedDocument | ReadError> {
  try {
    const extracted = await extractByType(bytes, fileName);
    if ("rows" in extracted && !extracted.rows.some((row) => row.cells.some((cell) => cell?.trim()))) {
      return makeReadError("EMPTY_FILE", extracted.mediaType);
    }
    return extracted;
  } catch (error) {
    // Extraction libraries can fail in ways they do not document; a bad file must never crash an upload.
    reportUnexpectedError(error, "extractDocument");
    return makeReadError("CORRUPT_FILE", null);
  }
}

async function extractByType(bytes: Uint8Array, fileName: string): Promise<ExtractedDocument | ReadError> {
  if (bytes.length > MAX_INPUT_BYTES) return makeReadError("TOO_LARGE", null);
  if (bytes.every((byte) => byte <= 0x20)) return makeReadError("EMPTY_FILE", null);
  switch (detectMediaType(bytes, fileName)) {
    case "pdf":
      return extractPdf(bytes);
    case "docx":
      return extractDocx(bytes);
    case "legacy-doc":
      return extractLegacyDoc(bytes);
    case "encrypted-office":
      return makeReadError("ENCRYPTED", null, "Word 文件已设置打开密码，无法读取。请取消密码后再上传。");
    case "rtf":
      return makeReadError("UNSUPPORTED_TYPE", "application/rtf", RTF_MESSAGE);
    case "ofd":
      return makeReadError("UNSUPPORTED_TYPE", "application/ofd", OFD_MESSAGE);
    case "other-binary":
      return makeReadError("UNSUPPORTED_TYPE", null);
    case "text":
      return extractPlainOrHtml(bytes, fileName);
  }
}

function extractPlainOrHtml(bytes: Uint8Array, fileName: string): ExtractedDocument | ReadError {
  if (looksLikeMhtml(bytes)) return extractMhtml(bytes) ?? makeReadError("CORRUPT_FILE", "multipart/related");
  const decoded = decodeText(bytes);
  if (!decoded) return makeReadError("UNSUPPORTED_TYPE", null);
  if (looksLikeHtml(decoded.text, fileName)) {
    return extractHtml(bytes) ?? makeReadError("UNSUPPORTED_TYPE", "text/html");
  }
  if (looksLikeMarkdown(decoded.text, fileName)) return extractMarkdown(decoded.text);
  return extractText(decoded.text);
}
