// pdf.js saves its text state on every `q` operator with `Object.assign(Object.create(this), this)`: each
// saved state becomes the prototype of the next. V8 turns every such object into a prototype (new hidden
// classes, invalidated inline caches everywhere), which cost a third of the time of reading a Word export
// (1,500 `q` in five pages). The copy below has the same own properties and methods but always the class
// prototype. pdf.js does not export the class, so it is caught once, on a tiny PDF, as it is first cloned;
// if pdf.js's clone is not the one we know (another version), nothing is changed.
import { getDocumentProxy } from "unpdf";

/** pdf.js 5.x (unpdf 1.7) TextState#clone, as bundled. */
const KNOWN_CLONE =
  "clone(){const e=Object.assign(Object.create(this),this);return e.textMatrix=this.textMatrix.slice()," +
  "e.textLineMatrix=this.textLineMatrix.slice(),e.fontMatrix=this.fontMatrix.slice(),e}";

interface TextState {
  clone(): TextState;
  textMatrix: number[];
  textLineMatrix: number[];
  fontMatrix: number[];
}

let fixed: Promise<boolean> | null = null;

/** Resolves true once pdf.js's text state clone keeps one prototype; safe to call any number of times. */
export function fixTextStateClone(): Promise<boolean> {
  fixed ??= catchTextStatePrototype().then((prototype) => {
    if (!prototype || String(prototype.clone) !== KNOWN_CLONE) return false;
    prototype.clone = function clone(this: TextState): TextState {
      const copy = Object.assign(Object.create(prototype) as TextState, this);
      copy.textMatrix = this.textMatrix.slice();
      copy.textLineMatrix = this.textLineMatrix.slice();
      copy.fontMatrix = this.fontMatrix.slice();
      return copy;
    };
    return true;
  });
  return fixed;
}

async function catchTextStatePrototype(): Promise<TextState | null> {
  const create = Object.create;
  let caught: TextState | null = null;
  // Only while pdf.js reads one page of a few bytes; every call still goes to the real Object.create.
  Object.create = function (proto: object | null, properties?: PropertyDescriptorMap) {
    if (!caught && isTextState(proto)) caught = ownerOfClone(proto);
    return properties === undefined ? create(proto) : create(proto, properties);
  } as typeof Object.create;
  try {
    const pdf = await getDocumentProxy(buildTinyPdf(), { verbosity: 0 });
    await (await pdf.getPage(1)).getTextContent();
    await pdf.destroy();
  } catch {
    // No fix then: pdf.js reads as before.
  } finally {
    Object.create = create;
  }
  return caught;
}

function isTextState(value: unknown): value is TextState {
  return (
    typeof value === "object" &&
    value !== null &&
    "textLineMatrix" in value &&
    "fontMatrix" in value &&
    "textHScale" in value &&
    typeof (value as { clone?: unknown }).clone === "function"
  );
}

/** The prototype that defines clone (the class's), not the saved state the copy was made from. */
function ownerOfClone(state: TextState): TextState | null {
  for (let object: object | null = state; object; object = Object.getPrototypeOf(object) as object | null) {
    if (Object.hasOwn(object, "clone")) return object as TextState;
  }
  return null;
}

/** One page whose content saves the graphics state around a line of text. */
function buildTinyPdf(): Uint8Array {
  const content = "q BT /F1 12 Tf 72 720 Td (a) Tj ET Q";
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R " +
      "/Resources << /Font << /F1 5 0 R >> >> >>",
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
  ];
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
  return new TextEncoder().encode(text);
}
