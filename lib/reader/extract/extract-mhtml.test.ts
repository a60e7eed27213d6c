import { describe, expect, it } from "vitest";
import { encodeText } from "@/lib/reader/testing/encode-text";
import { looksLikeMhtml } from "./extract-mhtml";

/** looksLikeMhtml as it was before its byte search: two expressions over the head as latin1. */
function byExpressions(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  return (
    /^(mime-version|content-type|from|subject|date|x-mimeole)\s*:/im.test(head) &&
    /multipart\/related/i.test(head)
  );
}

describe("looksLikeMhtml", () => {
  it("agrees with the expressions on MHTML heads, text reports and near misses", () => {
    const heads = [
      'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="----=_NextPart"\r\n\r\n',
      "From: <Saved by Blink>\nSubject: 年报\nContent-Type: MULTIPART/RELATED;\n",
      "Content-Type: Multipart/Related\n",
      "content-type:multipart/relatedX",
      "Content-Type: multipart/alternative\n",
      "本年增/减\t0\t0\nmultipart/related 但没有头部\n",
      "Date: x\nmultipart／related\n",
      "Date: x\nmultipart /related\n",
      "Date: x\nmultipart/relate",
      "/related at the start",
      "multipart/",
    ];
    const inputs = heads.flatMap((head) => [
      encodeText(head, "utf-8"),
      encodeText(`${"某".repeat(700)}${head}`, "utf-8"), // past the 2,048 bytes searched
      encodeText(head, "gbk"),
    ]);
    // Latin-1 letters whose upper case is not ASCII (ÿ, µ) and bytes next to the letters' cases ([, `, {).
    for (const byte of [0x4d ^ 0x20, 0xb5, 0xff, 0x5b, 0x60, 0x7b, 0xcd])
      inputs.push(
        Uint8Array.from([
          ...encodeText("Date: 1\n", "utf-8"),
          byte,
          ...encodeText("ultipart/related", "utf-8"),
        ]),
      );
    const random = Uint8Array.from({ length: 4096 }, (_, i) => (i * 2654435761) >>> 24);
    inputs.push(random);
    for (const input of inputs)
      expect(looksLikeMhtml(input), new TextDecoder().decode(input)).toBe(byExpressions(input));
    expect(inputs.filter(looksLikeMhtml).length).toBeGreaterThan(5);
  });
});
