import { describe, expect, it } from "vitest";
import { formatRegion } from "@/components/format-region";

const NONE = { province: null, city: null, county: null, town: null };

describe("formatRegion", () => {
  it.each([
    [{ province: "云南省", city: "曲靖市", county: "沾益区", town: null }, "云南省 曲靖市 沾益区"],
    [
      { province: "重庆市", city: "重庆市", county: "九龙坡区", town: "白市驿镇" },
      "重庆市 九龙坡区 白市驿镇",
    ],
    [{ ...NONE, province: "河南省" }, "河南省"],
    [NONE, null],
  ])("formats %o as %s", (region, expected) => {
    expect(formatRegion(region)).toBe(expected);
  });
});
