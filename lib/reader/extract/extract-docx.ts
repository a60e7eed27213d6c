// DOCX → rows through mammoth's HTML, so Word tables (with merged cells) read exactly like web tables.
import mammoth from "mammoth";
import type { ExtractedDocument, ReadError } from "@/lib/reader/types";
import { makeReadError } from "@/lib/reader/extract/read-error";
import { readHtmlRows } from "@/lib/reader/extract/read-html-rows";

const MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const PICTURES_ONLY =
  "Word 文件中只有图片，没有可读取的文字（可能是扫描件）。请上传含文字的 Word、PDF 或网页版本。";

export async function extractDocx(bytes: Uint8Array): Promise<ExtractedDocument | ReadError> {
  let html: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    // Images are dropped: they never hold table numbers we could read, and inlining them costs memory.
    const result = await mammoth.convertToHtml(
      { buffer },
      { convertImage: mammoth.images.imgElement(noImage) },
    );
    html = result.value;
  } catch {
    return makeReadError("CORRUPT_FILE", MEDIA_TYPE);
  }
  const rows = readHtmlRows(html);
  // A Word file holding only pictures (a scanned report pasted in) has nothing to read, like a scanned PDF.
  const hasText = rows.some((row) => row.cells.some((cell) => cell?.trim()));
  if (!hasText && html.includes("<img")) return makeReadError("NO_TEXT_LAYER", MEDIA_TYPE, PICTURES_ONLY);
  return { mediaType: MEDIA_TYPE, rows };
}

async function noImage(): Promise<{ src: string }> {
  return { src: "" };
}
