import { describe, expect, it } from "vitest";
import { checkAcrossYears } from "./check-across-years";

const year = (value: number, cells: Record<string, number | null>) => ({
  year: value,
  template: "2021" as const,
  cells,
});

describe("checkAcrossYears", () => {
  it("reports carried applications that do not match last year's carry-forward (rule 6)", () => {
    const findings = checkAcrossYears(
      year(2022, { "t3.carry_forward.natural": 2, "t3.carry_forward.total": 2 }),
      year(2023, { "t3.carried.natural": 1, "t3.carried.total": 2 }),
    );
    expect(findings.map((finding) => [finding.code, finding.cells])).toEqual([
      ["RULE_CARRY_OVER", ["t3.carried.natural"]],
    ]);
    expect(findings[0]?.kind).toBe("inconsistent");
  });

  it("warns when documents in force do not follow issued and repealed (rule 7)", () => {
    const findings = checkAcrossYears(
      year(2022, { "t2.normative.in_force": 10 }),
      year(2023, { "t2.normative.in_force": 12, "t2.normative.issued": 3, "t2.normative.repealed": 0 }),
    );
    expect(findings.map((finding) => [finding.code, finding.severity])).toEqual([
      ["RULE_IN_FORCE", "warning"],
    ]);
  });

  it("says nothing for consistent years, missing cells or years that are not consecutive", () => {
    const previous = year(2022, { "t3.carry_forward.natural": 2, "t2.rules.in_force": 4 });
    expect(
      checkAcrossYears(
        previous,
        year(2023, {
          "t3.carried.natural": 2,
          "t2.rules.in_force": 5,
          "t2.rules.issued": 1,
          "t2.rules.repealed": 0,
        }),
      ),
    ).toEqual([]);
    expect(checkAcrossYears(previous, year(2023, { "t3.carried.natural": null }))).toEqual([]);
    expect(checkAcrossYears(previous, year(2024, { "t3.carried.natural": 9 }))).toEqual([]);
  });
});
