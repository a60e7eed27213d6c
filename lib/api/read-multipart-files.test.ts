import { describe, expect, it } from "vitest";
import { cleanFileName, readMultipartFiles, type MultipartFile } from "./read-multipart-files";

function request(body: BodyInit, contentType?: string): Request {
  const init: RequestInit = { method: "POST", body };
  if (contentType) init.headers = { "content-type": contentType };
  return new Request("http://localhost/api/reports", init);
}

async function readAll(req: Request, maxFileBytes = 1024): Promise<MultipartFile[]> {
  const parts: MultipartFile[] = [];
  for await (const part of readMultipartFiles(req, { field: "files", maxFileBytes, maxFiles: 3 }))
    parts.push(part);
  return parts;
}

describe("cleanFileName", () => {
  it.each([
    ["年报.pdf", "年报.pdf"],
    ["../../etc/passwd", "passwd"],
    ["C:\\Users\\李\\年报.docx", "年报.docx"],
    ["a\u0000b\u0007c\u202e.txt", "abc.txt"],
    ["..", "未命名文件"],
    ["", "未命名文件"],
    [undefined, "未命名文件"],
    ["长".repeat(300), "长".repeat(255)],
  ])("%j → %j", (input, expected) => {
    expect(cleanFileName(input)).toBe(expected);
  });
});

describe("readMultipartFiles", () => {
  it("yields each file of the field in order with its Chinese name; other fields are skipped", async () => {
    const form = new FormData();
    form.append("note", "ignored");
    form.append("files", new Blob(["第一份"]), "第一份.txt");
    form.append("other", new Blob(["x"]), "x.txt");
    form.append("files", new Blob(["第二份"], { type: "text/plain" }), "第二份.txt");
    const parts = await readAll(request(form));
    expect(
      parts.map((p) => (p.kind === "file" ? [p.fileName, new TextDecoder().decode(p.bytes)] : p.kind)),
    ).toEqual([
      ["第一份.txt", "第一份"],
      ["第二份.txt", "第二份"],
    ]);
  });

  it("a file over the limit comes out as too_large with its size, and the next file still comes", async () => {
    const form = new FormData();
    form.append("files", new Blob([new Uint8Array(5000)]), "big.pdf");
    form.append("files", new Blob(["ok"]), "small.txt");
    const parts = await readAll(request(form));
    expect(parts).toEqual([
      { kind: "too_large", fileName: "big.pdf", mediaType: "application/octet-stream", size: 5000 },
      expect.objectContaining({ kind: "file", fileName: "small.txt" }),
    ]);
  });

  it("past maxFiles says so once", async () => {
    const form = new FormData();
    for (let i = 0; i < 5; i++) form.append("files", new Blob([`${i}`]), `${i}.txt`);
    const parts = await readAll(request(form));
    expect(parts.map((p) => p.kind)).toEqual(["file", "file", "file", "too_many"]);
  });

  it.each([
    ["not multipart", () => request("{}", "application/json")],
    ["no boundary", () => request("x", "multipart/form-data; charset=utf-8")],
    [
      "a body cut short",
      () =>
        request(
          '--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\nhalf a fi',
          "multipart/form-data; boundary=b",
        ),
    ],
  ])("%s: INVALID_INPUT", async (_name, make) => {
    await expect(readAll(make())).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});
