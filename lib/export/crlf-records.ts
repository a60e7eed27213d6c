// PostgreSQL's COPY … CSV ends records with LF; RFC 4180 (and Excel on Windows) want CRLF. This turns each
// record-ending LF — one outside quotes — into CRLF and counts the records, leaving line breaks inside quoted
// fields as they are (they are part of the value). State carries over between chunks, so a record split
// across two chunks is handled; one pass over the bytes to count, one to copy when there is anything to do.
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

export class CrlfRecords {
  /** Records passed so far. */
  records = 0;
  private inQuotes = false;

  convert(chunk: Buffer): Buffer {
    let ends = 0;
    let inQuotes = this.inQuotes;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) inQuotes = !inQuotes;
      else if (byte === LF && !inQuotes) ends++;
    }
    if (ends === 0) {
      this.inQuotes = inQuotes;
      return chunk;
    }
    const out = Buffer.allocUnsafe(chunk.length + ends);
    let written = 0;
    let start = 0;
    inQuotes = this.inQuotes;
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === QUOTE) inQuotes = !inQuotes;
      else if (byte === LF && !inQuotes) {
        written += chunk.copy(out, written, start, i);
        out[written++] = CR;
        out[written++] = LF;
        start = i + 1;
      }
    }
    chunk.copy(out, written, start, chunk.length);
    this.inQuotes = inQuotes;
    this.records += ends;
    return out;
  }
}
