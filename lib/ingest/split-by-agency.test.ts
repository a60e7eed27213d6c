// splitByAgency: two halves of a batch that share no agency name (an agency's, a parent government's), each
// in the batch's order, about half the documents each.
import { describe, expect, it } from "vitest";
import { splitByAgency } from "./split-by-agency";

type Kind = "部门" | "区县政府" | "乡镇";
const doc = (name: string, kind: Kind = "乡镇", parent?: string) => ({
  agency: { name, kind, ...(parent ? { parent } : {}) } as never,
});

function namesOf(documents: readonly { agency: unknown }[], half: number[]): Set<string> {
  return new Set(
    half.flatMap((index) => {
      const agency = documents[index]!.agency as { name: string; kind: Kind; parent?: string } | null;
      if (!agency) return [];
      return agency.kind === "部门" && agency.parent ? [agency.name, agency.parent] : [agency.name];
    }),
  );
}

describe("splitByAgency", () => {
  it.each([
    {
      case: "distinct agencies, each with its years",
      documents: ["甲镇", "甲镇", "乙镇", "乙镇", "丙镇", "丙镇", "丁镇", "丁镇"].map((name) => doc(name)),
      halves: [
        [0, 1, 2, 3],
        [4, 5, 6, 7],
      ],
    },
    {
      // A department and its government (by the parent's name), and a second department of the same
      // government further on: all three in one half, though they are not next to each other.
      case: "departments linked through their parent government",
      documents: [
        doc("甲县财政局", "部门", "甲县人民政府"),
        doc("乙镇"),
        doc("丙镇"),
        doc("甲县人民政府", "区县政府"),
        doc("甲县教育局", "部门", "甲县人民政府"),
        doc("丁镇"),
      ],
      halves: [
        [0, 3, 4],
        [1, 2, 5],
      ],
    },
    {
      case: "one agency only: nothing to split",
      documents: [doc("甲镇"), doc("甲镇"), doc("甲镇")],
      halves: [[0, 1, 2], []],
    },
    {
      case: "documents without an agency share no name",
      documents: [{ agency: null }, { agency: null }] as never[],
      halves: [[0], [1]],
    },
  ])("$case", ({ documents, halves }) => {
    const [first, second] = splitByAgency(documents);
    expect([first, second]).toEqual(halves);
    const [a, b] = [namesOf(documents, first), namesOf(documents, second)];
    expect([...a].filter((name) => b.has(name))).toEqual([]);
  });
});
