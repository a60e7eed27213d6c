// DOCX → rows through mammoth's HTML, so Word tables (with merged cells) read exactly like web tables.
import mammoth from "mammoth";
import type { ExtractedDocument, ReadError } from "@/lib/reader/types";
import { makeReadError } from "@/lib/reader/extract/read-error";
import { readHtmlRows } from "@/lib/reader/extract/read-html-rows";

const MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

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
  return { mediaType: MEDIA_TYPE, rows: readHtmlRows(html) };
}

async function noImage(): Promise<{ src: string }> {
  return { src: "" };
}
