import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { extractText } from "./extract-text";

describe("extractText", () => {
  // Text without \r or \f is split on \n alone (faster than the regular expression): the lines must be the
  // expression's, whatever mix of breaks, BOMs and empty lines the text holds.
  it("splits lines exactly as the general expression does", () => {
    const general = (text: string) => text.replace(/^\uFEFF/, "").split(/\r\n|\r|\n|\f/);
    const piece = fc.constantFrom("\n", "\r\n", "\r", "\f", "\uFEFF", "", "行政许可\t0\t1", " 12 ", "\t");
    fc.assert(
      fc.property(fc.array(fc.oneof(piece, fc.string({ maxLength: 6 })), { maxLength: 30 }), (pieces) => {
        const text = pieces.join("");
        expect(extractText(text).rows.map((row) => row.cells[0])).toEqual(general(text));
      }),
      { numRuns: 2000 },
    );
  });
});
