// rankPageRows: the rank of each row of a ranking page (1 + rows in scope with a higher value) from the
// page and two counts, checked against ranks counted over the whole list, for every page of lists with
// ties and values missing, sorted both ways.
import { describe, expect, test } from "vitest";
import { rankPageRows } from "@/lib/queries/get-agency-ranking";

type Row = { id: number; value: number | null; rank: number | null };

const LISTS: Record<string, (number | null)[]> = {
  "ties across page boundaries": [9, 9, 9, 7, 7, 5, 5, 5, 5, 3, 2, 2, null, null],
  "all equal": [4, 4, 4, 4, 4, 4],
  "all missing": [null, null, null],
  "distinct with zeros": [0, 10, 0.5, 3.25, 100, 0, 7],
};

function sortRows(rows: Row[], direction: "desc" | "asc"): Row[] {
  return [...rows].sort((a, b) => {
    if (a.value === null || b.value === null)
      return a.value === b.value ? a.id - b.id : a.value === null ? 1 : -1;
    return (direction === "desc" ? b.value - a.value : a.value - b.value) || a.id - b.id;
  });
}

describe.each(Object.entries(LISTS))("%s", (_, values) => {
  const all: Row[] = values.map((value, id) => ({ id, value, rank: null }));
  const truth = (v: number | null) =>
    v === null ? null : 1 + all.filter((r) => r.value !== null && r.value > v).length;
  test.each([
    ["desc", 1],
    ["desc", 2],
    ["desc", 4],
    ["asc", 1],
    ["asc", 3],
  ] as const)("sorted %s, %i per page", (direction, pageSize) => {
    const sorted = sortRows(all, direction);
    for (let offset = 0; offset < sorted.length; offset += pageSize) {
      const page = sorted.slice(offset, offset + pageSize);
      const pageValues = page.map((r) => r.value).filter((v): v is number => v !== null);
      const hi = pageValues.length > 0 ? Math.max(...pageValues) : null;
      const counts = {
        aboveHi: hi === null ? 0 : all.filter((r) => r.value !== null && r.value > hi).length,
        atLeastHi: hi === null ? 0 : all.filter((r) => r.value !== null && r.value >= hi).length,
      };
      expect(rankPageRows(page, counts).map((r) => r.rank)).toEqual(page.map((r) => truth(r.value)));
    }
  });
});
