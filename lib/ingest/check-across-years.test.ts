import { describe, expect, test } from "vitest";
import { checkAcrossYears, type YearCells } from "@/lib/ingest/check-across-years";

const COLUMNS = ["natural", "commercial", "research", "social", "legal", "other", "total"];

function year(y: number, template: "2019" | "2021", cells: Record<string, number | null>): YearCells {
  return { year: y, template, cells: new Map(Object.entries(cells)) };
}

function table3(row: "carried" | "carry_forward", values: number[]): Record<string, number> {
  return Object.fromEntries(COLUMNS.map((column, i) => [`t3.${row}.${column}`, values[i]!]));
}

describe("checkAcrossYears — rule 6, carry-over", () => {
  test("equal carry-over: no finding", () => {
    const prev = year(2022, "2021", table3("carry_forward", [1, 0, 0, 0, 0, 1, 2]));
    const cur = year(2023, "2021", table3("carried", [1, 0, 0, 0, 0, 1, 2]));
    expect(checkAcrossYears(prev, cur)).toEqual([]);
  });

  test("different carry-over: one error naming the columns that differ", () => {
    const prev = year(2022, "2021", table3("carry_forward", [1, 0, 0, 0, 0, 1, 2]));
    const cur = year(2023, "2021", table3("carried", [3, 0, 0, 0, 0, 1, 4]));
    const [finding, ...rest] = checkAcrossYears(prev, cur);
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      code: "RULE_CARRY_OVER",
      kind: "inconsistent",
      severity: "error",
      cells: ["t3.carried.natural", "t3.carried.total"],
    });
    expect(finding!.message).toContain("4 ≠ 2");
  });

  test("not consecutive years, or a blank side: nothing to compare", () => {
    const prev = table3("carry_forward", [1, 0, 0, 0, 0, 1, 2]);
    expect(
      checkAcrossYears(
        year(2021, "2021", prev),
        year(2023, "2021", table3("carried", [9, 9, 9, 9, 9, 9, 9])),
      ),
    ).toEqual([]);
    expect(
      checkAcrossYears(
        year(2022, "2021", { "t3.carry_forward.total": null }),
        year(2023, "2021", { "t3.carried.total": 5 }),
      ),
    ).toEqual([]);
  });
});

describe("checkAcrossYears — rule 7, documents in force (2021 template)", () => {
  const rules = (inForce: number, issued: number, repealed: number) => ({
    "t2.rules.in_force": inForce,
    "t2.rules.issued": issued,
    "t2.rules.repealed": repealed,
  });

  test.each([
    { before: 10, now: 12, issued: 3, repealed: 1, findings: 0 },
    { before: 10, now: 13, issued: 3, repealed: 1, findings: 1 },
  ])("in force $before → $now with +$issued −$repealed", ({ before, now, issued, repealed, findings }) => {
    const result = checkAcrossYears(
      year(2022, "2021", rules(before, 0, 0)),
      year(2023, "2021", rules(now, issued, repealed)),
    );
    expect(result).toHaveLength(findings);
    if (findings) expect(result[0]).toMatchObject({ code: "RULE_IN_FORCE", severity: "warning" });
  });

  test("not checked across a 2019 → 2021 template change", () => {
    expect(
      checkAcrossYears(year(2020, "2019", rules(10, 0, 0)), year(2021, "2021", rules(99, 0, 0))),
    ).toEqual([]);
  });
});
