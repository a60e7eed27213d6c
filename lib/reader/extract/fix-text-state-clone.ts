// pdf.js saves its text state on every `q` operator with `Object.assign(Object.create(this), this)`: each
// saved state becomes the prototype of the next. V8 turns every such object into a prototype (new hidden
// classes, invalidated inline caches everywhere), which cost a third of the time of reading a Word export
// (1,500 `q` in five pages). The copy below has the same own properties and methods but always the class
// prototype. pdf.js does not export the class, so it is caught once, on a tiny PDF, as it is first cloned;
// if pdf.js's clone is not the one we know (another version), nothing is changed.
import { getDocumentProxy } from "unpdf";
import { buildOnePagePdf } from "@/lib/reader/extract/build-minimal-pdf";

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
    const pdf = await getDocumentProxy(buildOnePagePdf("q BT /F1 12 Tf 72 720 Td (a) Tj ET Q"), {
      verbosity: 0,
    });
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
