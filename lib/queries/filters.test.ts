import { describe, expect, test } from "vitest";
import { buildFilterQuery, dashboardFiltersSchema, parseDashboardFilters } from "@/lib/queries/filters";

describe("parseDashboardFilters", () => {
  test("reads every filter the issue names", () => {
    const { filters, invalid } = parseDashboardFilters({
      year: "2023",
      years: "2021, 2022,2023,2022",
      region: "500107",
      kind: "乡镇,街道",
      metric: "disclosure_rate",
      agencies: "3,12",
      q: "  白市驿 ",
      page: "2",
      sort: "value_asc",
    });
    expect(invalid).toEqual([]);
    expect(filters).toEqual({
      year: 2023,
      years: [2021, 2022, 2023],
      region: "500107",
      kind: ["乡镇", "街道"],
      metric: "disclosure_rate",
      agencies: [3, 12],
      q: "白市驿",
      page: 2,
      sort: "value_asc",
    });
  });

  test.each([
    ["year", "20x3"],
    ["year", "1999"],
    ["years", "2021,abc"],
    ["region", "50'; DROP TABLE"],
    ["region", "5"],
    ["kind", "乡镇,村委会"],
    ["metric", "applicationsNew"],
    ["agencies", "1,-2"],
    ["agencies", Array.from({ length: 21 }, (_, i) => i + 1).join(",")],
    ["q", "x".repeat(51)],
    ["page", "0"],
    ["sort", "id desc"],
  ])("drops an invalid %s (%s) and names it, keeping the others", (name, value) => {
    const { filters, invalid } = parseDashboardFilters({ year: "2023", [name]: value });
    expect(invalid).toEqual(name === "year" ? ["year"] : [name]);
    expect(filters).not.toHaveProperty(name);
    if (name !== "year") expect(filters.year).toBe(2023);
  });

  test("empty parameters and repeated ones: empty is absent, the first of several wins", () => {
    const params = new URLSearchParams("year=&region=53&region=50");
    expect(parseDashboardFilters(params)).toEqual({ filters: { region: "53" }, invalid: [] });
    expect(parseDashboardFilters({ kind: ["部门", "乡镇"] }).filters).toEqual({ kind: ["部门"] });
  });

  test("the strict schema (for API routes) refuses what the page would drop", () => {
    expect(dashboardFiltersSchema.safeParse({ year: "abc" }).success).toBe(false);
    expect(dashboardFiltersSchema.parse({ year: "2023", kind: "部门" })).toEqual({
      year: 2023,
      kind: ["部门"],
    });
  });
});

describe("buildFilterQuery", () => {
  test("keeps the filters, applies changes, drops the page unless set", () => {
    const filters = { year: 2023, kind: ["乡镇" as const, "街道" as const], page: 4 };
    expect(buildFilterQuery(filters)).toBe(`?year=2023&kind=${encodeURIComponent("乡镇,街道")}`);
    expect(buildFilterQuery(filters, { year: null, region: "50" })).toBe(
      `?region=50&kind=${encodeURIComponent("乡镇,街道")}`,
    );
    expect(buildFilterQuery({ year: 2023 }, { page: 2 })).toBe("?year=2023&page=2");
    expect(buildFilterQuery({})).toBe("");
  });
});
