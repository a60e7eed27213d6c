// A report saved by a browser as a single-file web archive (.mht): the HTML page, quoted-printable
// encoded in its own charset, inside a MIME message.
import { renderHtml } from "@/lib/reader/testing/render-html";
import { encodeText } from "@/lib/reader/testing/encode-text";
import type { ReportToRender } from "@/lib/reader/testing/report-document";

const BOUNDARY = "----=_NextPart_000_0000_01DA5C3E.7A1B2C30";

export function renderMhtml(report: ReportToRender): Uint8Array {
  const html = encodeText(renderHtml(report, { charset: "gb2312" }), "gbk");
  const head = [
    "From: <由 Windows Internet Explorer 保存>",
    "Subject: report",
    "MIME-Version: 1.0",
    `Content-Type: multipart/related; type="text/html"; boundary="${BOUNDARY}"`,
    "",
    "This is a multi-part message in MIME format.",
    "",
    `--${BOUNDARY}`,
    'Content-Type: text/html; charset="gb2312"',
    "Content-Transfer-Encoding: quoted-printable",
    "Content-Location: http://www.example.gov.cn/zfxxgk/ndbg/index.html",
    "",
    "",
  ].join("\r\n");
  const tail = `\r\n\r\n--${BOUNDARY}\r\nContent-Type: image/gif\r\nContent-Transfer-Encoding: base64\r\n\r\nR0lGODlhAQABAAAAACw=\r\n\r\n--${BOUNDARY}--\r\n`;
  return Uint8Array.from([
    ...Buffer.from(head, "latin1"),
    ...encodeQuotedPrintable(html),
    ...Buffer.from(tail, "latin1"),
  ]);
}

/** RFC 2045 quoted-printable with soft line breaks at 76 characters. */
function encodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  let out = "";
  let lineLength = 0;
  for (const byte of bytes) {
    const keep = (byte >= 33 && byte <= 126 && byte !== 61) || byte === 32;
    const piece =
      byte === 10
        ? "\r\n"
        : byte === 13
          ? ""
          : keep
            ? String.fromCharCode(byte)
            : `=${byte.toString(16).toUpperCase().padStart(2, "0")}`;
    if (piece === "\r\n") {
      out += piece;
      lineLength = 0;
      continue;
    }
    if (lineLength + piece.length > 75) {
      out += "=\r\n";
      lineLength = 0;
    }
    out += piece;
    lineLength += piece.length;
  }
  return new Uint8Array(Buffer.from(out, "latin1"));
}
