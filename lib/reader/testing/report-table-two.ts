// 表二 of a rendered test report, in either template version.
import type { ReportTable, ReportToRender, TableCell } from "@/lib/reader/testing/report-document";
import { header, label, values } from "@/lib/reader/testing/report-cells";

/** 表二: one small table per 第二十条 item, each with its own header row (as the template prints it). */
export function buildTableTwo(report: ReportToRender): ReportTable[] {
  const v = (ids: string[], lastSpan = 1) => values(report, ids, lastSpan);
  const section = (title: string, heads: TableCell[], body: TableCell[][]): ReportTable => ({
    widths: [3, 2, 2, 2],
    rows: [[header(title, 4)], [header("信息内容"), ...heads], ...body],
  });
  if (report.template === "2021") {
    const decisions = header("本年处理决定数量", 3);
    return [
      section(
        "第二十条第（一）项",
        ["本年制发件数", "本年废止件数", "现行有效件数"].map((text) => header(text)),
        [
          [label("规章"), ...v(["t2.rules.issued", "t2.rules.repealed", "t2.rules.in_force"])],
          [
            label("行政规范性文件"),
            ...v(["t2.normative.issued", "t2.normative.repealed", "t2.normative.in_force"]),
          ],
        ],
      ),
      section("第二十条第（五）项", [decisions], [[label("行政许可"), ...v(["t2.licence.decisions"], 3)]]),
      section(
        "第二十条第（六）项",
        [decisions],
        [
          [label("行政处罚"), ...v(["t2.penalty.decisions"], 3)],
          [label("行政强制"), ...v(["t2.enforcement.decisions"], 3)],
        ],
      ),
      section(
        "第二十条第（八）项",
        [header("本年收费金额（单位：万元）", 3)],
        [[label("行政事业性收费"), ...v(["t2.fees.amount"], 3)]],
      ),
    ];
  }
  const items = ["上一年项目数量", "本年增/减", "处理决定数量"].map((text) => header(text));
  const itemRow = (name: string, row: string) => [
    label(name),
    ...v([`${row}.items_prev`, `${row}.items_change`, `${row}.decisions`]),
  ];
  return [
    section(
      "第二十条第（一）项",
      ["本年新制作数量", "本年新公开数量", "对外公开总数量"].map((text) => header(text)),
      [
        [label("规章"), ...v(["t2.rules.made", "t2.rules.published", "t2.rules.total_public"])],
        [
          label("规范性文件"),
          ...v(["t2.normative.made", "t2.normative.published", "t2.normative.total_public"]),
        ],
      ],
    ),
    section("第二十条第（五）项", items, [
      itemRow("行政许可", "t2.licence"),
      itemRow("其他对外管理服务事项", "t2.other_services"),
    ]),
    section("第二十条第（六）项", items, [
      itemRow("行政处罚", "t2.penalty"),
      itemRow("行政强制", "t2.enforcement"),
    ]),
    section(
      "第二十条第（八）项",
      [header("上一年项目数量"), header("本年增/减", 2)],
      [[label("行政事业性收费"), ...v(["t2.fees.items_prev", "t2.fees.items_change"], 2)]],
    ),
    section(
      "第二十条第（九）项",
      [header("采购项目数量"), header("采购总金额", 2)],
      [[label("政府集中采购"), ...v(["t2.procurement.items", "t2.procurement.amount"], 2)]],
    ),
  ];
}
