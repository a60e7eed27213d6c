import { describe, expect, test } from "vitest";
import { CrlfRecords } from "./crlf-records";
import { formatCsvRow, neutraliseFormula } from "./format-csv-row";
import { inlineSql } from "./inline-sql";
import { Prisma } from "@/lib/generated/prisma/client";

describe("CrlfRecords", () => {
  test("record ends become CRLF, line breaks inside quotes stay, state carries across chunks", () => {
    const converter = new CrlfRecords();
    const parts = ['a,"x\ny', '"\nb,c\n', '"q""', '"\n'].map((part) => converter.convert(Buffer.from(part)));
    expect(Buffer.concat(parts).toString()).toBe('a,"x\ny"\r\nb,c\r\n"q"""\r\n');
    expect(converter.records).toBe(3);
  });
});

describe("formatCsvRow", () => {
  test.each([
    [["a", "b"], "a,b\r\n"],
    [['say "hi"', "x,y"], '"say ""hi""","x,y"\r\n'],
    [["=1+2", "-3", "@x", "\tA", "\rB", "+C"], "'=1+2,'-3,'@x,'\tA,\"'\rB\",'+C\r\n"],
    [[-3, null, 0, 1.5], "-3,,0,1.5\r\n"],
  ] as const)("%j", (fields, line) => {
    expect(formatCsvRow(fields)).toBe(line);
  });

  test("only text that starts like a formula is changed", () => {
    expect(neutraliseFormula("a=b")).toBe("a=b");
    expect(neutraliseFormula("=b")).toBe("'=b");
  });
});

describe("inlineSql", () => {
  test("values become literals; quotes and backslashes cannot end the string", () => {
    const query = Prisma.sql`SELECT ${"it's \\ ok"}::text, ${-5}::int, ${[1, 2]}::int[], ${[]}::text[], ${null}`;
    expect(inlineSql(query)).toBe(
      "SELECT  E'it''s \\\\ ok'::text, (-5)::int, ARRAY[(1), (2)]::int[], ARRAY[]::text[], NULL",
    );
  });

  test("refuses what it cannot write", () => {
    expect(() => inlineSql(Prisma.sql`SELECT ${Number.NaN}`)).toThrow();
    expect(() => inlineSql(Prisma.sql`SELECT ${{ a: 1 }}`)).toThrow();
  });
});
