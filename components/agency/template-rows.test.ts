import { describe, expect, test } from "vitest";
import {
  TABLE_FOUR_ROWS,
  TABLE_THREE_COLUMNS,
  TABLE_THREE_ROWS,
  TABLE_TWO_ROWS,
} from "@/components/agency/template-rows";

describe("template rows of the agency page", () => {
  test("表三 keeps the template's order, headings and labels", () => {
    const labels = TABLE_THREE_ROWS.map((row) => row.label);
    expect(labels[0]).toBe("一、本年新收政府信息公开申请数量");
    expect(labels).toContain("三、本年度办理结果");
    expect(TABLE_THREE_ROWS.find((row) => row.key === "t3.denied.*")).toMatchObject({
      label: "（三）不予公开",
      heading: true,
      cellId: null,
    });
    expect(TABLE_THREE_ROWS.find((row) => row.key === "t3.denied.state_secret")).toMatchObject({
      label: "1.属于国家秘密",
      cellId: "t3.denied.state_secret.total",
      depth: 2,
    });
    expect(TABLE_THREE_ROWS.at(-1)?.cellId).toBe("t3.carry_forward.total");
    expect(TABLE_THREE_COLUMNS.map((c) => c.label)).toEqual([
      "自然人",
      "商业企业",
      "科研机构",
      "社会公益组织",
      "法律服务机构",
      "其他",
      "总计",
    ]);
  });

  test("表二 lists both versions' cells once each; 表四 has its fifteen", () => {
    const ids = TABLE_TWO_ROWS.map((row) => row.cellId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain("t2.penalty.decisions");
    expect(ids).toContain("t2.procurement.amount");
    expect(TABLE_FOUR_ROWS).toHaveLength(15);
    expect(TABLE_FOUR_ROWS[0]?.label).toBe("行政复议 · 结果维持");
  });
});
