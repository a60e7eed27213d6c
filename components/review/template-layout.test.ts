import { describe, expect, it } from "vitest";
import { listCellIds } from "@/lib/reader/template/cell-catalogue";
import { layoutTemplate } from "./template-layout";

describe("layoutTemplate", () => {
  it.each(["2019", "2021"] as const)("places every cell of the %s template exactly once", (template) => {
    const placed = layoutTemplate(template).flatMap((table) =>
      table.blocks.flatMap((block) => block.rows.flatMap((row) => row.cells.filter(Boolean))),
    );
    expect([...placed].sort()).toEqual([...listCellIds(template)].sort());
  });

  it("lays table 三 out under the applicant columns, with its group headings", () => {
    const [, three] = layoutTemplate("2021");
    const block = three!.blocks[0]!;
    expect(block.columns).toEqual([
      "自然人",
      "商业企业",
      "科研机构",
      "社会公益组织",
      "法律服务机构",
      "其他",
      "总计",
    ]);
    expect(block.groups).toEqual([
      { label: "自然人", span: 1 },
      { label: "法人或其他组织", span: 5 },
      { label: "总计", span: 1 },
    ]);
    const labels = block.rows.map(
      (row) => `${row.depth}:${row.label}${row.cells.length === 0 ? "（标题）" : ""}`,
    );
    expect(labels.slice(0, 5)).toEqual([
      "0:一、本年新收政府信息公开申请数量",
      "0:二、上年结转政府信息公开申请数量",
      "0:三、本年度办理结果（标题）",
      "1:（一）予以公开",
      "1:（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
    ]);
    expect(labels).toContain("1:（三）不予公开（标题）");
    expect(labels).toContain("1:（六）其他处理");
  });

  it("names the shared 表二 column as each version prints it", () => {
    const columnsOf = (template: "2019" | "2021") =>
      layoutTemplate(template)[0]!.blocks.find((block) => block.caption === "第二十条第（五）项")!.columns;
    expect(columnsOf("2021")).toEqual(["本年处理决定数量"]);
    expect(columnsOf("2019")).toEqual(["上一年项目数量", "本年增/减", "处理决定数量"]);
  });
});
