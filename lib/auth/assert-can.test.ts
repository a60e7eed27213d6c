import { describe, expect, it } from "vitest";
import { assertCan } from "./assert-can";

describe("assertCan", () => {
  const staff = { role: "staff" as const, canExport: false, regions: ["5303"] };

  it("passes when allowed", () => {
    expect(() => assertCan(staff, "correct", { regionCode: "530303" })).not.toThrow();
  });

  it("throws FORBIDDEN outside the staff member's regions", () => {
    expect(() => assertCan(staff, "correct", { regionCode: "500106" })).toThrow(
      expect.objectContaining({ code: "FORBIDDEN", status: 403 }),
    );
  });

  it("throws UNAUTHENTICATED without a user", () => {
    expect(() => assertCan(null, "browse")).toThrow(
      expect.objectContaining({ code: "UNAUTHENTICATED", status: 401 }),
    );
  });
});
