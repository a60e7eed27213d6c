import { describe, expect, it } from "vitest";
import { can, isInRegions, parseRegionList, type Action, type Principal } from "./permissions";

const admin: Principal = { role: "admin", canExport: false, regions: [] };
const staff: Principal = { role: "staff", canExport: false, regions: [] };
const zhanyiStaff: Principal = { role: "staff", canExport: false, regions: ["530303"] };
const supervisor: Principal = { role: "supervisor", canExport: false, regions: [] };
const exportingSupervisor: Principal = { role: "supervisor", canExport: true, regions: [] };
const analyst: Principal = { role: "analyst", canExport: false, regions: [] };

// Written out by hand from issue 4, one row per principal, so a change to the matrix shows up here.
const MATRIX: Array<[string, Principal, Record<Action, boolean>]> = [
  ["admin", admin, yes("browse upload correct confirm export manage_users view_audit")],
  ["staff", staff, yes("browse upload correct confirm")],
  ["supervisor", supervisor, yes("browse")],
  ["supervisor with export", exportingSupervisor, yes("browse export")],
  ["analyst", analyst, yes("browse export")],
];

function yes(list: string): Record<Action, boolean> {
  const allowed = new Set(list.split(" "));
  const actions: Action[] = [
    "browse",
    "upload",
    "correct",
    "confirm",
    "export",
    "manage_users",
    "view_audit",
  ];
  return Object.fromEntries(actions.map((action) => [action, allowed.has(action)])) as Record<
    Action,
    boolean
  >;
}

describe("can", () => {
  for (const [name, principal, expected] of MATRIX) {
    for (const [action, allowed] of Object.entries(expected)) {
      it(`${name} ${allowed ? "may" : "may not"} ${action}`, () => {
        expect(can(principal, action as Action)).toBe(allowed);
      });
    }
  }

  it("denies everything to nobody", () => {
    expect(can(null, "browse")).toBe(false);
    expect(can(undefined, "export")).toBe(false);
  });

  it("limits region-scoped staff to their regions for corrections and confirmations", () => {
    expect(can(zhanyiStaff, "correct", { regionCode: "530303102" })).toBe(true);
    expect(can(zhanyiStaff, "confirm", { regionCode: "530303" })).toBe(true);
    expect(can(zhanyiStaff, "correct", { regionCode: "500106" })).toBe(false);
    expect(can(zhanyiStaff, "confirm", { regionCode: null })).toBe(false);
    expect(can(zhanyiStaff, "upload")).toBe(true);
  });

  it("does not limit admins or unrestricted staff by region", () => {
    expect(can(admin, "correct", { regionCode: null })).toBe(true);
    expect(can(staff, "correct", { regionCode: "500106" })).toBe(true);
  });

  it("never lets a region grant what the role lacks", () => {
    expect(can({ ...analyst, regions: ["53"] }, "correct", { regionCode: "530303" })).toBe(false);
  });
});

describe("isInRegions", () => {
  it.each([
    [[], null, true],
    [["53"], "530303", true],
    [["5303", "5004"], "500401", true],
    [["5303"], "5304", false],
    [["530303"], "5303", false],
  ] as const)("regions %j, region %s → %s", (regions, code, expected) => {
    expect(isInRegions(regions, code)).toBe(expected);
  });
});

describe("parseRegionList", () => {
  it("accepts commas, Chinese commas, 、 and spaces and drops duplicates", () => {
    expect(parseRegionList(" 5303，530402、5303 11 ")).toEqual(["5303", "530402", "11"]);
  });

  it("returns an empty list for blank input", () => {
    expect(parseRegionList("  ")).toEqual([]);
  });

  it.each(["53a", "5", "1234567890123", "沾益区"])("rejects %s", (input) => {
    expect(() => parseRegionList(input)).toThrow();
  });
});
