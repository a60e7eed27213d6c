// pdf.js inflates every Flate stream through the web DecompressionStream: in Node each one is a round trip
// through web streams, zlib's thread pool and a dozen promise turns — a seventh of the time a short report
// takes. We inflate the streams text extraction reads (page contents, forms, ToUnicode maps) ourselves,
// synchronously, and hand pdf.js a copy of the file with them stored uncompressed and a fresh xref table.
// Any file whose layout we do not fully understand is left as it is: the rewrite only saves time.
import { inflateSync } from "node:zlib";

const OBJECT_START = /(\d+)\s+(\d+)\s+obj\b/g;
const STREAM_EOL = /stream(\r\n|\n)/y;
const FLATE_FILTER = /\/Filter\s*(?:\/FlateDecode|\[\s*\/FlateDecode\s*\])/;
const LENGTH = /\/Length\s+(\d+)(?![\d\s]*R)/;
/** Streams text extraction never reads (fonts are hidden anyway, images, metadata) stay compressed. */
const NOT_READ_FOR_TEXT =
  /\/DecodeParms|\/Length[123]\b|\/Subtype\s*\/(?!Form\b)|\/Type\s*\/(?:Metadata|EmbeddedFile)\b/;
const XREF_STREAM = /\/Type\s*\/XRef\b/;
const TRAILER_KEYS = /\/(?:Root|Info)\s+\d+\s+\d+\s+R|\/ID\s*\[[^\]]*\]/g;

interface PdfObject {
  num: number;
  gen: number;
  chunks: Buffer[];
}

/** A copy of the PDF with its text-bearing Flate streams inflated, or null when the file is left as it is. */
export function inflatePdfStreams(bytes: Uint8Array): Uint8Array | null {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const text = data.toString("latin1");
  // Incremental updates, linearised files, compressed objects and encryption: not ours to rewrite.
  if (text.split("startxref").length !== 2 || /\/ObjStm\b|\/Encrypt\b|\/Prev\b/.test(text)) return null;
  if (!text.startsWith("%PDF-")) return null;
  const objects: PdfObject[] = [];
  let trailer = text.slice(text.lastIndexOf("trailer"));
  let inflated = 0;
  const seen = new Set<number>();
  OBJECT_START.lastIndex = 0;
  for (let match = OBJECT_START.exec(text); match; match = OBJECT_START.exec(text)) {
    const start = match.index;
    const num = Number(match[1]);
    const gen = Number(match[2]);
    if (seen.has(num)) return null;
    seen.add(num);
    const body = readObjectBody(text, start + match[0].length);
    if (!body) return null;
    OBJECT_START.lastIndex = body.end;
    if (body.stream && XREF_STREAM.test(body.dict)) {
      trailer = body.dict;
      continue;
    }
    const plain = body.stream ? inflateStream(data, body.dict, body.stream) : null;
    if (plain) inflated++;
    const chunks = plain
      ? [Buffer.from(`${num} ${gen} obj\n${plain.dict}\nstream\n`, "latin1"), plain.data, ENDSTREAM]
      : [data.subarray(start, body.end)];
    objects.push({ num, gen, chunks });
  }
  const keys = trailer.match(TRAILER_KEYS)?.join("") ?? "";
  if (inflated === 0 || !keys.includes("/Root")) return null;
  return writePdf(text.slice(0, 8), objects, keys);
}

const ENDSTREAM = Buffer.from("\nendstream\nendobj\n", "latin1");

interface ObjectBody {
  dict: string;
  stream: { start: number; length: number } | null;
  end: number;
}

/** The object's dictionary text and stream extent, found by its /Length (stream data may hold anything). */
function readObjectBody(text: string, from: number): ObjectBody | null {
  const endobj = text.indexOf("endobj", from);
  const stream = text.indexOf("stream", from);
  if (endobj < 0) return null;
  if (stream < 0 || stream > endobj) return { dict: text.slice(from, endobj), stream: null, end: endobj + 6 };
  STREAM_EOL.lastIndex = stream;
  const keyword = STREAM_EOL.exec(text);
  const dict = text.slice(from, stream);
  const length = LENGTH.exec(dict);
  if (!keyword || !length || !dict.trimEnd().endsWith(">>")) return null;
  const start = stream + 6 + keyword[1]!.length;
  const dataEnd = start + Number(length[1]);
  const endstream = text.indexOf("endstream", dataEnd);
  // Anything but an end-of-line between the data and `endstream` means /Length is wrong.
  if (endstream < 0 || text.slice(dataEnd, endstream).trim() !== "") return null;
  const end = text.indexOf("endobj", endstream);
  return end < 0 ? null : { dict, stream: { start, length: Number(length[1]) }, end: end + 6 };
}

function inflateStream(
  data: Buffer,
  dict: string,
  stream: { start: number; length: number },
): { dict: string; data: Buffer } | null {
  if (!FLATE_FILTER.test(dict) || NOT_READ_FOR_TEXT.test(dict)) return null;
  let plain: Buffer;
  try {
    plain = inflateSync(data.subarray(stream.start, stream.start + stream.length));
  } catch {
    return null; // pdf.js reads what it can of a damaged stream: leave that to it
  }
  const trimmed = dict.trimEnd();
  return {
    dict: trimmed.replace(FLATE_FILTER, "").replace(LENGTH, `/Length ${plain.length}`),
    data: plain,
  };
}

/** `trailerKeys`: the original trailer's /Root, /Info and /ID, which the new trailer repeats. */
function writePdf(headerLine: string, objects: PdfObject[], trailerKeys: string): Uint8Array {
  const parts: Buffer[] = [Buffer.from(`${headerLine}\n%\xe2\xe3\xcf\xd3\n`, "latin1")];
  let offset = parts[0]!.length;
  const offsets = new Map<number, { offset: number; gen: number }>();
  for (const object of objects) {
    offsets.set(object.num, { offset, gen: object.gen });
    for (const chunk of object.chunks) {
      parts.push(chunk);
      offset += chunk.length;
    }
    parts.push(NEWLINE);
    offset += 1;
  }
  const size = Math.max(...offsets.keys()) + 1;
  const entries = ["0000000000 65535 f\r\n"];
  for (let num = 1; num < size; num++) {
    const entry = offsets.get(num);
    entries.push(entry ? `${pad(entry.offset, 10)} ${pad(entry.gen, 5)} n\r\n` : "0000000000 65535 f\r\n");
  }
  const tail = `xref\n0 ${size}\n${entries.join("")}trailer\n<</Size ${size}${trailerKeys}>>\nstartxref\n${offset}\n%%EOF\n`;
  parts.push(Buffer.from(tail, "latin1"));
  return new Uint8Array(Buffer.concat(parts));
}

const NEWLINE = Buffer.from("\n", "latin1");

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}
