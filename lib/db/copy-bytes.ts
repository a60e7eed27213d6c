// COPY lines written straight as UTF-8 bytes (COPY's text format, as formatCopyValue writes each field), for
// rows made in one thread and sent from another: no string per line or field to build, join and encode.
// ASCII fields are written byte by byte; a field with other characters or with something to escape goes
// through formatCopyValue and TextEncoder.
//   const out = new CopyBytes();
//   out.field(42); out.tab(); out.field("a\tb"); out.end();   // "42\ta\\tb\n"
//   out.finish();                                               // the bytes, in an array of their own
//   out.reset();                                                // the same buffer for the next row
import { formatCopyValue, type CopyValue } from "@/lib/db/copy-rows";

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
const HEX_HIGH = Uint8Array.from(HEX, (pair) => pair.charCodeAt(0));
const HEX_LOW = Uint8Array.from(HEX, (pair) => pair.charCodeAt(1));

// Up to this many bytes raw() copies with a loop (see there).
const SMALL_CHUNK = 32;
// Up to this many bytes hex() writes with a loop, beyond it with Buffer's (see there).
const SMALL_HEX = 256;
// A buffer reused (reset) keeps at most this much between uses: one big document does not hold its size.
const KEPT_CAPACITY = 1024 * 1024;

export class CopyBytes {
  private bytes: Uint8Array;
  length = 0;

  constructor(private readonly capacity = 16 * 1024) {
    this.bytes = new Uint8Array(capacity);
  }

  /**
   * Empty again, to write the next row into the same buffer (finish copies what it returns). A fresh buffer
   * per document cost more than writing it: 16 KB allocated and zeroed for a row of ~800 bytes, and the
   * collector's work for it (bench:ingest-cpu's CPU profile: 7 % of seed:synthetic's main thread).
   */
  reset(): void {
    this.length = 0;
    if (this.bytes.length > KEPT_CAPACITY) this.bytes = new Uint8Array(this.capacity);
  }

  /** Text known to be ASCII with nothing to escape (numbers, \N, the placeholders of a line). */
  ascii(text: string): void {
    this.reserve(text.length);
    const { bytes } = this;
    let at = this.length;
    for (let index = 0; index < text.length; index += 1) bytes[at++] = text.charCodeAt(index);
    this.length = at;
  }

  /** Bytes already in COPY's format (a line's fixed parts, made once). */
  raw(chunk: Uint8Array): void {
    const size = chunk.length;
    this.reserve(size);
    // A line's fixed parts are a few bytes: a loop costs less than TypedArray#set's call for them.
    if (size > SMALL_CHUNK) this.bytes.set(chunk, this.length);
    else {
      const { bytes } = this;
      const at = this.length;
      for (let index = 0; index < size; index += 1) bytes[at + index] = chunk[index]!;
    }
    this.length += size;
  }

  /** A number as String(value) writes it; 32-bit integers (most counts) digit by digit, without a string. */
  number(value: number): void {
    if ((value | 0) !== value) {
      this.ascii(String(value));
      return;
    }
    // At most 11 bytes: a sign and 10 digits. The digits counted first, then written backwards in place.
    this.reserve(11);
    const { bytes } = this;
    const negative = value < 0;
    let rest = negative ? -value : value;
    let size = negative ? 2 : 1;
    for (let bound = 10; rest >= bound && size < 11; bound *= 10) size += 1;
    let at = this.length + size;
    this.length = at;
    do {
      bytes[--at] = 0x30 + (rest % 10);
      rest = Math.floor(rest / 10);
    } while (rest > 0);
    if (negative) bytes[--at] = 0x2d;
  }

  /** One field's value. */
  field(value: CopyValue): void {
    if (value === null) this.ascii("\\N");
    else if (typeof value === "string") this.text(value);
    else if (typeof value === "number") this.number(value);
    else if (typeof value === "boolean") this.byte(value ? 0x74 : 0x66);
    else this.hex(value);
  }

  tab(): void {
    this.byte(0x09);
  }

  /** The line's end. */
  end(): void {
    this.byte(0x0a);
  }

  /** The bytes written, in an array that owns its buffer (it may be moved to another thread). */
  finish(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }

  /** The bytes written, in the buffer itself (valid until the next write or reset). */
  written(): Uint8Array {
    return this.bytes.subarray(0, this.length);
  }

  private byte(value: number): void {
    this.reserve(1);
    this.bytes[this.length++] = value;
  }

  private text(value: string): void {
    this.reserve(value.length);
    const { bytes } = this;
    const start = this.length;
    for (let index = 0; index < value.length; index += 1) {
      const code = value.charCodeAt(index);
      // Not ASCII, or \ tab LF CR (escaped): the whole field the slow way, over what was written of it.
      if (code >= 0x80 || code === 0x5c || code === 0x09 || code === 0x0a || code === 0x0d) {
        const escaped = formatCopyValue(value);
        this.reserve(escaped.length * 3);
        this.length = start + encoder.encodeInto(escaped, this.bytes.subarray(start)).written;
        return;
      }
      bytes[start + index] = code;
    }
    this.length = start + value.length;
  }

  /** bytea: "\\x" and two hex digits per byte (the backslash doubled, as COPY's text format wants). */
  private hex(value: Uint8Array): void {
    this.reserve(3 + 2 * value.length);
    const { bytes } = this;
    let at = this.length;
    bytes[at++] = 0x5c;
    bytes[at++] = 0x5c;
    bytes[at++] = 0x78;
    if (value.length > SMALL_HEX) {
      // A document's bytes (kilobytes): Node's own hex and latin1 writing (Buffer#write), half the CPU of the loop below
      // (a 9 KB file: 15 → 8 µs), for a string of twice the bytes that dies young.
      const digits = Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString("hex");
      this.length =
        at + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).write(digits, at, "latin1");
      return;
    }
    for (let index = 0; index < value.length; index += 1) {
      const byte = value[index]!;
      bytes[at++] = HEX_HIGH[byte]!;
      bytes[at++] = HEX_LOW[byte]!;
    }
    this.length = at;
  }

  private reserve(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(2 * this.bytes.length, this.length + more));
    grown.set(this.bytes.subarray(0, this.length));
    this.bytes = grown;
  }
}
