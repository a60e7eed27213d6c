import { describe, expect, it } from "vitest";
import { splitDigitRuns } from "./split-digit-runs";

const run = (text: string) => [{ value: Number(text), text, unit: null }];
const values = ({ options }: { options: { value: number | null }[][] }) =>
  options.map((option) => option.map((cell) => cell.value));

describe("splitDigitRuns", () => {
  it("lists every split into whole numbers without leading zeros", () => {
    const options = values(splitDigitRuns(run("3960181"), 3, 100));
    expect(options).toContainEqual([396, 0, 181]);
    expect(options).toContainEqual([39, 60, 181]);
    expect(options.every((option) => option.length === 3)).toBe(true);
    expect(options).not.toContainEqual([3, 96, 181]);
  });

  it("finds the only split when every cell is one digit", () => {
    expect(values(splitDigitRuns(run("1000001"), 7, 100, 7))).toEqual([[1, 0, 0, 0, 0, 0, 1]]);
  });

  it("keeps only splits whose groups end in their totals", () => {
    expect(values(splitDigitRuns(run("100000010"), 7, 100, 7))).toEqual([[10, 0, 0, 0, 0, 0, 10]]);
  });

  it("returns every split the sums allow when several do", () => {
    const options = values(splitDigitRuns(run("160001017"), 7, 100, 7));
    expect(options).toEqual(
      expect.arrayContaining([
        [16, 0, 0, 0, 1, 0, 17],
        [1, 6, 0, 0, 0, 10, 17],
      ]),
    );
    expect(values(splitDigitRuns(run("11011"), 3, 100, 3))).toEqual([
      [1, 10, 11],
      [11, 0, 11],
    ]);
  });
});
