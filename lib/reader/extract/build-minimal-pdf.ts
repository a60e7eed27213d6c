// A one-page PDF written by hand: for warming pdf.js up and for tests that need exact bytes. Every byte of
// the objects is written as latin1, so binary stream data passes through unchanged.

/** Numbered objects 1…n (object 1 must be the catalog), a cross-reference table and a trailer. */
export function buildMinimalPdf(objects: string[]): Uint8Array {
  let text = "%PDF-1.7\n";
  const offsets = objects.map((body, index) => {
    const offset = text.length;
    text += `${index + 1} 0 obj\n${body}\nendobj\n`;
    return offset;
  });
  const xref = text.length;
  text += `xref\n0 ${objects.length + 1}\n0000000000 65535 f\r\n`;
  text += offsets.map((offset) => `${String(offset).padStart(10, "0")} 00000 n\r\n`).join("");
  text += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(text, "latin1"));
}

/** One page showing Helvetica text from the given content stream (plain or already encoded, latin1). */
export function buildOnePagePdf(content: string, streamDictionary = "", catalogExtra = ""): Uint8Array {
  return buildMinimalPdf([
    `<< /Type /Catalog /Pages 2 0 R ${catalogExtra}>>`,
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R " +
      "/Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length}${streamDictionary} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ]);
}
