import { describe, expect, it } from "vitest";
import { formatRegionPath, listRegions, toTwelveDigitCode } from "./list-regions";
import { resolveAgency } from "./resolve-agency";

const rows = listRegions();
const byCode = new Map(rows.map((row) => [row.code, row]));

describe("listRegions", () => {
  it("lists the 31 provincial units of the mainland and tens of thousands of towns", () => {
    expect(rows.filter((row) => row.level === "province")).toHaveLength(31);
    expect(rows.filter((row) => row.level === "town").length).toBeGreaterThan(40_000);
  });

  it("has unique codes, and every parent listed before its children", () => {
    expect(byCode.size).toBe(rows.length);
    const seen = new Set<string>();
    const orphans: string[] = [];
    for (const row of rows) {
      if (row.parentCode !== null && !seen.has(row.parentCode)) orphans.push(row.code);
      seen.add(row.code);
    }
    expect(orphans).toEqual([]);
  });

  it("gives codes of 2, 4, 6 and 9 digits by level, each starting with its parent's code", () => {
    const digits = { province: 2, city: 4, county: 6, town: 9 };
    const wrongLength = rows.filter(
      (row) => row.code.length !== digits[row.level] || !/^\d+$/.test(row.code),
    );
    expect(wrongLength).toEqual([]);
    // Only the counties of 重庆市's 县 (5002xx) join the municipality's one city level 5001.
    const unprefixed = rows.filter((row) => row.parentCode && !row.code.startsWith(row.parentCode));
    expect(unprefixed.length).toBeGreaterThan(0);
    expect(unprefixed.filter((row) => !row.code.startsWith("5002"))).toEqual([]);
  });

  it("names the city level of a 直辖市 after the municipality, never 市辖区 or 县", () => {
    const cityNames = new Set(rows.filter((row) => row.level === "city").map((row) => row.name));
    for (const placeholder of ["市辖区", "县", "省直辖县级行政区划"])
      expect(cityNames.has(placeholder)).toBe(false);
    const chongqing = rows.filter((row) => row.level === "city" && row.parentCode === "50");
    expect(chongqing).toEqual([
      { code: "5001", name: "重庆市", level: "city", parentCode: "50", path: "50/5001/" },
    ]);
    // 城口县 sits under the package's 县 (5002): it joins the one city level of 重庆市
    expect(rows.find((row) => row.name === "城口县")?.parentCode).toBe("5001");
  });

  it("hangs counties directly governed by a province on it, and towns of cities without counties on the city", () => {
    expect(rows.find((row) => row.name === "仙桃市")).toMatchObject({ level: "county", parentCode: "42" });
    expect(rows.find((row) => row.name === "虎门镇")).toMatchObject({ level: "town", parentCode: "4419" });
    expect(rows.some((row) => row.level === "county" && row.name === "东莞市")).toBe(false);
  });

  it("gives each row the path of codes down to it, its parent's path plus its own code", () => {
    expect(byCode.get("530303")?.path).toBe("53/5303/530303/");
    const wrong = rows.filter(
      (row) => row.path !== `${row.parentCode ? byCode.get(row.parentCode)?.path : ""}${row.code}/`,
    );
    expect(wrong).toEqual([]);
  });

  it("contains every code resolveAgency returns, and the path formatRegionPath gives for them", () => {
    const { regionCodes } = resolveAgency({ asPrinted: "重庆市九龙坡区白市驿镇人民政府", text: "" });
    for (const code of Object.values(regionCodes)) expect(byCode.has(code ?? "")).toBe(true);
    expect(formatRegionPath(regionCodes)).toBe(byCode.get("500107105")?.path);
    expect(formatRegionPath(resolveAgency({ asPrinted: "仙桃市人民政府", text: "" }).regionCodes)).toBe(
      "42/429004/",
    );
    expect(formatRegionPath({ province: null, city: null, county: null, town: null })).toBeNull();
  });
});

describe("toTwelveDigitCode", () => {
  it.each([
    ["51", "510000000000"],
    ["5109", "510900000000"],
    ["510904", "510904000000"],
    ["510904114", "510904114000"],
  ])("%s → %s", (code, expected) => expect(toTwelveDigitCode(code)).toBe(expected));

  it("rejects what is not a code", () => expect(() => toTwelveDigitCode("51a")).toThrow());
});
