import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeRegion, formatGovernmentName } from "./describe-region";
import { loadGazetteer, type RegionNode } from "./load-gazetteer";
import { resolveAgency } from "./resolve-agency";

const gazetteer = loadGazetteer();
const LEVELS = ["province", "city", "county", "town"] as const;
const cityOfMunicipality = new Map(
  gazetteer.nodes
    .filter((node) => node.level === "city" && node.parent && node.name === node.parent.name)
    .map((city) => [city.parent!, city.code]),
);

// The ways reports print a region: in full, without the city, the innermost name alone, with the province.
function printRegion(node: RegionNode, form: number): string {
  const { names } = describeRegion(node);
  const levels = [names.province, names.city, names.county, names.town].filter((name) => name !== null);
  const distinct = levels.filter((name, i) => name !== levels[i - 1]); // 重庆市重庆市 → 重庆市
  const count = distinct.length;
  const start = [count > 1 ? 1 : 0, Math.max(0, count - 2), count - 1, 0][form] ?? 0;
  return distinct.slice(start).join("");
}

describe("resolveAgency over the whole gazetteer", () => {
  it("resolves every region printed by its official name to that region, with no finding", () => {
    const wrong: string[] = [];
    for (const node of gazetteer.nodes) {
      const printed = formatGovernmentName(node);
      const result = resolveAgency({ asPrinted: printed, text: "" });
      if (result.regionCodes[node.level] !== node.code || result.findings.length > 0) wrong.push(printed);
    }
    expect(wrong).toEqual([]);
  });

  it("never resolves a level to a region the agency is not in: the right code, or null with a finding", () => {
    const node = fc.integer({ min: 0, max: gazetteer.nodes.length - 1 }).map((i) => gazetteer.nodes[i]!);
    const suffix = fc.constantFrom("", "人民政府", "政府", "发改局", "财政局", "办事处");
    fc.assert(
      fc.property(node, fc.integer({ min: 0, max: 3 }), suffix, (region, form, ending) => {
        const printed = printRegion(region, form) + ending;
        const result = resolveAgency({ asPrinted: printed, text: "" });
        const truth = describeRegion(region).codes;
        // 直辖市: the municipality's own bodies also have it as their city
        if (region.level === "province") truth.city = cityOfMunicipality.get(region) ?? null;
        for (const level of LEVELS) {
          const code = result.regionCodes[level];
          if (code !== null) expect(code, `${printed} ${level}`).toBe(truth[level]);
        }
        const resolved = result.regionCodes[region.level] === region.code;
        expect(result.findings.length > 0, printed).toBe(!resolved);
      }),
      { numRuns: 3000 },
    );
  });

  it("completes a name printed alone from the report's 来源 line naming its county", () => {
    const towns = gazetteer.nodes.filter((node) => node.level === "town" && node.parent?.level === "county");
    const town = fc.integer({ min: 0, max: towns.length - 1 }).map((i) => towns[i]!);
    const townsByCountyAndName = new Map<string, number>();
    for (const t of towns) {
      const key = `${t.parent!.code}${t.name}`;
      townsByCountyAndName.set(key, (townsByCountyAndName.get(key) ?? 0) + 1);
    }
    fc.assert(
      fc.property(town, fc.constantFrom("", "人民政府"), (region, ending) => {
        const source = `来源：${formatGovernmentName(region.parent!)}  发布时间：2024-01-20`;
        const text = `${region.name}2023年政府信息公开工作年度报告\n${source}\n一、总体情况`;
        const result = resolveAgency({ asPrinted: region.name + ending, text });
        if (townsByCountyAndName.get(`${region.parent!.code}${region.name}`) === 1) {
          expect(result.regionCodes.town, region.code).toBe(region.code);
          expect(result.findings).toEqual([]);
        } else {
          expect(result.regionCodes.town).toBeNull();
        }
      }),
      { numRuns: 1000 },
    );
  });
});
