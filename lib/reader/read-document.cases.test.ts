// Table-driven cases of layout trouble — blank cells, short and empty rows, glued digits, noise — and of
// inconsistent reports, read through the whole pipeline from plain text.
import { describe, expect, it } from "vitest";
import { readDocument, type DocumentReading } from "./read-document";
import { listCellIds } from "./template/cell-catalogue";
import { seededRandom, type GeneratedReport } from "./testing/generate-report";
import { printReport, type PrintOptions } from "./testing/render-text-rows";
import { renderTextLayout, type TextLayout } from "./testing/render-text-layouts";
import { textToRows } from "./testing/text-to-rows";
import type { TemplateVersion, TextRow } from "./types";

/** A consistent report: all zeros except three applications by natural persons, all granted. */
function smallReport(template: TemplateVersion = "2021"): GeneratedReport {
  const cells: Record<string, number | null> = {};
  for (const id of listCellIds(template)) cells[id] = 0;
  for (const id of ["t3.new", "t3.granted", "t3.outcome_total"]) {
    cells[`${id}.natural`] = 3;
    cells[`${id}.total`] = 3;
  }
  return {
    template,
    year: template === "2021" ? 2023 : 2020,
    agency: "青山市东河区临江镇",
    cells,
    otherAsOneRow: false,
  };
}

function render(report: GeneratedReport, layout: TextLayout, options: Partial<PrintOptions> = {}): string {
  const random = seededRandom(7);
  const print = { misspell: false, spaced: false, halfWidth: false, blanks: new Set<string>(), ...options };
  return renderTextLayout(printReport(report, print, random), layout, random, false);
}

function read(text: string): DocumentReading {
  const result = readDocument({ mediaType: "text/plain", rows: textToRows(text) });
  if (!result.ok) throw new Error(result.error.code);
  return result;
}

const uncertainCells = (result: DocumentReading, code?: string) =>
  new Set(
    result.findings
      .filter((finding) => finding.kind === "uncertain" && (code === undefined || finding.code === code))
      .flatMap((finding) => finding.cells),
  );

describe("blank cells", () => {
  it.each<[TextLayout, string]>([
    ["lines", "t3.granted.commercial"],
    ["spaced-lines", "t3.carry_forward.natural"],
    ["pipes", "t3.denied.third_party.legal"],
    ["tabs", "t3.unable.not_held.research"],
    ["pdf-text", "t3.granted.natural"],
  ])("in %s layout: %s is blank or inferred, and the only cell flagged", (layout, id) => {
    const report = smallReport();
    const result = read(render(report, layout, { blanks: new Set([id]) }));
    const value = result.cells[id];
    expect(value === null || (value === report.cells[id] && result.inferred.includes(id))).toBe(true);
    expect([...uncertainCells(result)]).toEqual([id]);
    for (const other of listCellIds("2021"))
      if (other !== id) expect(result.cells[other], other).toBe(report.cells[other]);
  });
});

describe("rows", () => {
  it("a row printed without numbers is empty (null) or forced by the sums, and flagged ROW_EMPTY", () => {
    const report = smallReport();
    const text = render(report, "pipes").replace(/(（二）部分公开[^|]*)(\|[^\n]*)/, "$1| | | |");
    const result = read(text);
    expect(uncertainCells(result, "ROW_EMPTY")).toEqual(
      new Set(listCellIds("2021").filter((id) => id.startsWith("t3.partial."))),
    );
    for (const id of uncertainCells(result, "ROW_EMPTY")) expect([null, 0]).toContain(result.cells[id]);
  });

  it("a row one number short with no sign of where: the sums decide, or the row is flagged ROW_SHORT", () => {
    const report = smallReport();
    const text = render(report, "pdf-text").replace(/^(（一）予以公开) 3 0/m, "$1 3");
    const result = read(text);
    const row = listCellIds("2021").filter((id) => id.startsWith("t3.granted."));
    const flagged = uncertainCells(result);
    for (const id of row) if (!flagged.has(id)) expect(result.cells[id], id).toBe(report.cells[id]);
    expect([...flagged].every((id) => row.includes(id))).toBe(true);
  });

  it("（六） printed as one row in a 2021 report leaves its sub-rows null without a finding", () => {
    const report = { ...smallReport(), otherAsOneRow: true };
    for (const id of listCellIds("2021")) if (/^t3\.other\.\w+\.\w+$/.test(id)) report.cells[id] = null;
    const result = read(render(report, "tabs"));
    expect(result.cells).toEqual(report.cells);
    expect(result.findings).toEqual([]);
  });

  it("the three （六） sub-rows make row （六） their sum", () => {
    const report = smallReport();
    for (const id of ["t3.other.misc", "t3.other", "t3.outcome_total", "t3.new"]) {
      report.cells[`${id}.legal`] = (report.cells[`${id}.legal`] ?? 0) + 2;
      report.cells[`${id}.total`] = (report.cells[`${id}.total`] ?? 0) + 2;
    }
    const result = read(render(report, "lines"));
    expect(result.cells["t3.other.legal"]).toBe(2);
    expect(result.findings).toEqual([]);
  });
});

describe("several rows on one line", () => {
  it("splits labels and numbers that alternate on one line", () => {
    const report = smallReport();
    report.cells["t2.normative.in_force"] = 5;
    const text = render(report, "pdf-text").replace(/^(规章 0 0 0)\n(行政规范性文件 0 0 5)$/m, "$1 $2");
    expect(text).toContain("规章 0 0 0 行政规范性文件 0 0 5");
    const result = read(text);
    expect(result.cells).toEqual(report.cells);
    expect(result.findings).toEqual([]);
  });

  it("does not take a sentence under the table-四 heading for the table's numbers", () => {
    const report = smallReport();
    const text = render(report, "pipes").replace(
      "四、政府信息公开行政复议、行政诉讼情况",
      "四、政府信息公开行政复议、行政诉讼情况\n本机关2023年度未发生因政府信息公开引起的行政复议，共 1",
    );
    expect(read(text).cells).toEqual(report.cells);
  });
});

describe("glued digits", () => {
  it("one-digit cells glued together split one way only: exact, no finding", () => {
    const report = smallReport();
    const result = read(render(report, "glued"));
    expect(result.cells).toEqual(report.cells);
    expect(result.findings).toEqual([]);
  });

  it("a run the sums cannot settle is flagged DIGITS_AMBIGUOUS on exactly the cells that differ", () => {
    const report = smallReport("2019");
    const text = render(report, "pdf-text").replace(/^行政许可 0 0 0$/m, "行政许可3960181");
    const result = read(text);
    const flagged = uncertainCells(result, "DIGITS_AMBIGUOUS");
    expect([...flagged].sort()).toEqual([
      "t2.licence.decisions",
      "t2.licence.items_change",
      "t2.licence.items_prev",
    ]);
    expect(uncertainCells(result).size).toBe(3);
  });

  it("a run no split can satisfy is left blank and flagged, never guessed", () => {
    const report = smallReport();
    const text = render(report, "pdf-text").replace(/^(0 ){14}0$/m, "9".repeat(24));
    const result = read(text);
    const table = listCellIds("2021").filter((id) => id.startsWith("t4."));
    expect(uncertainCells(result, "DIGITS_AMBIGUOUS")).toEqual(new Set(table));
    for (const id of table) expect(result.cells[id]).toBeNull();
  });
});

describe("numbers wrapped in narrow PDF cells", () => {
  /**
   * The rows as the PDF line reading gives them when one number of `line` wrapped over lines: that row's cells,
   * with the number joined from its lines and only the row's own line of it as its unwrapped reading.
   */
  function readWrapped(text: string, line: RegExp, joined: string, own: string): DocumentReading {
    const rows = textToRows(text).map((row): TextRow => {
      if (!line.test(row.cells[0] ?? "")) return row;
      const cells = (row.cells[0] ?? "").replace(line, (match) => match.replace(/\d+$/, joined)).split(" ");
      return {
        cells,
        source: "table",
        unwrapped: cells.map((_, index) => (index === cells.length - 1 ? own : null)),
      };
    });
    expect(rows.filter((row) => row.unwrapped).length, "the wrapped row is printed").toBe(1);
    const result = readDocument({ mediaType: "application/pdf", rows });
    if (!result.ok) throw new Error(result.error.code);
    return result;
  }

  /** smallReport with its three applications made 1234. */
  function largerReport(): GeneratedReport {
    const report = smallReport();
    for (const [id, value] of Object.entries(report.cells)) if (value === 3) report.cells[id] = 1234;
    return report;
  }

  it("表二, which has no sums: read joined, and flagged DIGITS_WRAPPED on that cell alone", () => {
    const report = smallReport();
    report.cells["t2.rules.in_force"] = 18441;
    const result = readWrapped(render(report, "pdf-text"), /^规章 0 0 18441$/, "18441", "44");
    expect(result.cells).toEqual(report.cells);
    expect(uncertainCells(result)).toEqual(new Set(["t2.rules.in_force"]));
    expect(uncertainCells(result, "DIGITS_WRAPPED")).toEqual(new Set(["t2.rules.in_force"]));
  });

  it("表三, where the sums confirm the joined number: exact, no finding", () => {
    const report = largerReport();
    const text = render(report, "pdf-text");
    const result = readWrapped(text, /^一、本年新收\S+( \d+)+$/, "1234", "23");
    expect(result.cells).toEqual(report.cells);
    expect(result.findings).toEqual([]);
  });

  it("表三, where the joined lines were another row's digits: the sums keep the row's own line", () => {
    const report = largerReport();
    const text = render(report, "pdf-text");
    const result = readWrapped(text, /^一、本年新收\S+( \d+)+$/, "51234", "1234");
    expect(result.cells).toEqual(report.cells);
    expect(result.findings).toEqual([]);
  });
});

describe("sums through blank cells in PDF readings", () => {
  /** smallReport with 12 applications, its zeros blank; （一）予以公开's 总计 read as `totalAs` (2: cut short). */
  function readPdf(totalAs: string, positions: boolean): DocumentReading {
    const report = smallReport();
    for (const id of ["t3.new", "t3.granted", "t3.outcome_total"]) {
      report.cells[`${id}.natural`] = 12;
      report.cells[`${id}.total`] = 12;
    }
    // Zeros printed blank, as Word tables often are: most sums run through blanks.
    const zeros = Object.keys(report.cells).filter((id) => id.startsWith("t3.") && report.cells[id] === 0);
    const text = render(report, "pdf-text", { blanks: new Set(zeros) });
    const rows = textToRows(text).map((row): TextRow => {
      const line = row.cells[0] ?? "";
      if (!/（一）予以公开/.test(line)) return row;
      // A ruled PDF row: 自然人 12, five blanks, 总计 as given.
      const cells = line.replace(/ 12$/, ` ${totalAs}`).split(" ");
      return positions
        ? { cells, source: "table", xs: cells.map((_, index) => index * 50), ruled: true }
        : { cells: [cells.join(" ")], source: "line" };
    });
    expect(rows.filter((row) => row.source === "table").length, "the row is printed").toBe(positions ? 1 : 0);
    const result = readDocument({ mediaType: positions ? "application/pdf" : "text/plain", rows });
    if (!result.ok) throw new Error(result.error.code);
    return result;
  }

  const granted = [
    "t3.granted.total",
    "t3.granted.natural",
    "t3.granted.commercial",
    "t3.granted.research",
    "t3.granted.social",
    "t3.granted.legal",
    "t3.granted.other",
  ];

  it("a total read smaller than a number of its own row is flagged on the row, not reported inconsistent", () => {
    const result = readPdf("2", true);
    expect(result.cells["t3.granted.total"]).toBe(2);
    expect(result.findings.filter((finding) => finding.kind === "inconsistent")).toEqual([]);
    const bound = result.findings.filter((finding) => finding.code === "SUM_BOUND_BROKEN");
    expect(bound.map((finding) => finding.cells)).toEqual([granted]);
    expect(bound[0]?.message).toBe(
      "表三 三、本年度办理结果 / （一）予以公开：总计为 2，而自然人与各类法人或其他组织之和为 12（空白单元格按 0 计），空白处无论是什么数都不能相符：可能有数字读错位置或漏读，请核对原文。",
    );
  });

  it("the same row read right gives no such finding", () => {
    const result = readPdf("12", true);
    expect(result.findings.filter((finding) => finding.code === "SUM_BOUND_BROKEN")).toEqual([]);
  });

  it("plain text, whose blanks are printed where they stand, is left to rules 1–4", () => {
    const result = readPdf("2", false);
    expect(result.findings.filter((finding) => finding.code === "SUM_BOUND_BROKEN")).toEqual([]);
  });
});

describe("noise", () => {
  it("page numbers, share prompts and bookmarks between rows are ignored", () => {
    const report = smallReport();
    const text = render(report, "lines")
      .replace("（一）予以公开", "- 3 -\n\n扫一扫在手机打开当前页\n\n（一）予以公开")
      .replace("四、结转下年度继续办理", "— 5 —\n\n[bookmark: _GoBack]四、结转下年度继续办理");
    const result = read(text);
    expect(result.cells).toEqual(report.cells);
    expect(result.findings).toEqual([]);
  });
});

describe("inconsistent reports", () => {
  it("reports each broken rule with its cells and never changes a printed number", () => {
    const report = smallReport();
    report.cells["t3.outcome_total.natural"] = 2;
    const result = read(render(report, "tabs"));
    expect(result.cells).toEqual(report.cells);
    const codes = result.findings
      .filter((finding) => finding.kind === "inconsistent")
      .map((finding) => finding.code);
    expect(codes).toEqual(expect.arrayContaining(["RULE_BALANCE", "RULE_OUTCOME_SUM", "RULE_ROW_TOTAL"]));
    const outcome = result.findings.find((finding) => finding.code === "RULE_OUTCOME_SUM");
    expect(outcome?.cells).toContain("t3.outcome_total.natural");
    expect(outcome?.message).toContain("自然人");
  });

  it("flags a negative count", () => {
    const report = smallReport();
    report.cells["t4.review.upheld"] = -1;
    report.cells["t4.review.total"] = -1;
    const result = read(render(report, "pipes"));
    expect(result.findings.map((finding) => finding.code)).toContain("RULE_NEGATIVE");
  });
});

describe("report year, template and agency", () => {
  it("takes the statistics year from the body, never the publication date", () => {
    const text = render(smallReport(), "pipes")
      .replace(/^青山市东河区临江镇2023.*$/m, "发布时间：2024年1月25日")
      .replace("发布时间：2024-01", "来源：某某网 2024-01");
    const result = read(text);
    expect(result.year).toBe(2023);
  });

  it("skips years in the titles of laws", () => {
    const text = render(smallReport(), "pipes")
      .replace(/^青山市东河区临江镇2023.*$/m, "")
      .replace(/^2023年，我单位/m, "根据《中华人民共和国政府信息公开条例》（2019年修订），2023年我单位");
    expect(read(text).year).toBe(2023);
  });

  it("reads the agency from the body's opening when there is no title", () => {
    const text = render(smallReport(), "pipes")
      .replace(/^青山市东河区临江镇2023.*$/m, "")
      .replace(/^2023年，我单位/m, "2023年,东河区发改局以");
    expect(read(text).agencyAsPrinted).toBe("东河区发改局");
  });

  it("reads the agency printed on the line below a title that does not name it", () => {
    const text = render(smallReport(), "tabs").replace(
      /^青山市东河区临江镇2023(年度?)(.*)$/m,
      "2023$1$2\n青山市东河区临江镇人民政府",
    );
    expect(read(text)).toMatchObject({ agencyAsPrinted: "青山市东河区临江镇人民政府", year: 2023 });
  });

  it("reads a title wrapped over two lines", () => {
    const text = render(smallReport(), "tabs").replace(
      /^(青山市东河区临江镇人民政府)?青山市东河区临江镇2023(年度?)/m,
      "青山市东河区临江镇人民政府2023$2\n",
    );
    expect(read(text)).toMatchObject({ agencyAsPrinted: "青山市东河区临江镇人民政府", year: 2023 });
  });

  it("records the unit printed beside an amount, and flags an amount printed without one", () => {
    const report = smallReport("2019");
    report.cells["t2.procurement.amount"] = 19210;
    const withUnit = read(
      render(report, "pipes").replace(/政府集中采购 \| 0 \| 19210 \|/, "政府集中采购 | 0 | 19210 | 元 |"),
    );
    expect(withUnit.units["t2.procurement.amount"]).toBe("元");
    expect(withUnit.findings.map((finding) => finding.code)).not.toContain("UNIT_UNKNOWN");
    const without = read(render(report, "pipes"));
    expect(without.units["t2.procurement.amount"]).toBeNull();
    expect(without.cells["t2.procurement.amount"]).toBe(19210);
    expect(without.findings.map((finding) => finding.code)).toContain("UNIT_UNKNOWN");
  });

  it("tells the 2019 template from the 2021 one by the table-二 headings", () => {
    expect(read(render(smallReport("2019"), "tabs")).template).toBe("2019");
    expect(read(render(smallReport("2021"), "tabs")).template).toBe("2021");
  });

  it("reports a missing year and a missing table", () => {
    const text = render(smallReport(), "pipes")
      .replace(/\d{4}年/g, "")
      .replace(/\d{4}-\d\d-\d\d/g, "")
      .split("\n四、政府信息公开行政复议")[0] as string;
    const codes = read(text).findings.map((finding) => finding.code);
    expect(codes).toEqual(expect.arrayContaining(["YEAR_MISSING", "TABLE_MISSING"]));
  });
});

describe("rejections", () => {
  it.each([
    [
      "a pre-2019 report",
      "某某县2017年政府信息公开工作年度报告\n一、概述\n本年共受理申请12件，其中当面申请5件，网络申请7件。\n同意公开10件，不同意公开2件。",
      "PRE_2019_FORMAT",
    ],
    [
      "a document that is not a report",
      "关于召开全县安全生产工作会议的通知\n各乡镇：\n定于2023年3月1日召开会议。",
      "NOT_A_REPORT",
    ],
  ])("%s", (_name, text, code) => {
    const result = readDocument({ mediaType: "text/plain", rows: textToRows(text) });
    expect(result.ok ? null : result.error.code).toBe(code);
  });
});
