import { describe, expect, it } from "vitest";
import { readHtmlRows } from "@/lib/reader/extract/read-html-rows";

const cellsOf = (html: string) => readHtmlRows(html).map((row) => row.cells);

describe("readHtmlRows", () => {
  it("expands rowspan/colspan into a grid, with colspan on different cells in header and body", () => {
    const html = `<table>
      <tr><td rowspan="2" colspan="2">项目</td><td colspan="2">申请人情况</td></tr>
      <tr><td>自然人</td><td>总计</td></tr>
      <tr><td colspan="2">一、本年新收</td><td>3</td><td>3</td></tr>
      <tr><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td><td>0</td><td></td></tr>
      <tr><td>2.其他法律行政法规禁止公开</td><td>1</td><td>1</td></tr>
    </table>`;
    expect(cellsOf(html)).toEqual([
      ["项目", null, "申请人情况", null],
      [null, null, "自然人", "总计"],
      ["一、本年新收", null, "3", "3"],
      ["（三）不予公开", "1.属于国家秘密", "0", ""],
      [null, "2.其他法律行政法规禁止公开", "1", "1"],
    ]);
    expect(readHtmlRows(html).every((row) => row.source === "table")).toBe(true);
  });

  it("joins a cell's lines without gluing numbers together", () => {
    const html = `<table><tr>
      <td><p>（二）部分公开</p><p>（区分处理的）</p></td><td>12<br>34</td><td><span>5</span><span>6</span></td>
      <td>&nbsp;</td><td>  a \n  b </td></tr></table>`;
    expect(cellsOf(html)).toEqual([["（二）部分公开（区分处理的）", "12 34", "56", "", "a b"]]);
  });

  it("reads text outside tables as lines in document order and drops page chrome", () => {
    const html = `<!DOCTYPE html><html><head><title>站点标题</title><style>td{}</style></head><body>
      <nav>首页 &gt; 政务公开</nav><script>document.write("<table><tr><td>9</td></tr></table>")</script>
      <h1>某某镇2023年政府信息公开工作年度报告</h1><div>一、总体情况<br>正文<b>加粗</b>继续</div>
      <table><tr><td>规章</td><td>0</td></tr></table><p>五、存在的主要问题</p></body></html>`;
    expect(cellsOf(html)).toEqual([
      ["某某镇2023年政府信息公开工作年度报告"],
      ["一、总体情况"],
      ["正文加粗继续"],
      ["规章", "0"],
      ["五、存在的主要问题"],
    ]);
  });

  it("reads data tables nested inside a layout table as their own grids", () => {
    const html = `<table><tr><td>栏目</td><td><p>报告正文</p>
      <table><tbody><tr><td rowspan="2">行政复议</td><td>1</td></tr><tr><td>2</td></tr></tbody></table>
      </td></tr></table>`;
    expect(cellsOf(html)).toEqual([["栏目"], ["报告正文"], ["行政复议", "1"], [null, "2"]]);
  });

  it("takes the report title from <title> only when the page does not print it", () => {
    const head = "<head><title>2023年政府信息公开工作年度报告_某某区人民政府</title></head>";
    expect(
      cellsOf(`<html>${head}<body><table><tr><td>规章</td><td>0</td></tr></table></body></html>`),
    ).toEqual([["2023年政府信息公开工作年度报告"], ["规章", "0"]]);
    expect(cellsOf(`<html>${head}<body><h1>某某区2023年度报告</h1></body></html>`)).toEqual([
      ["某某区2023年度报告"],
    ]);
  });

  it("reads a Word-saved page: MsoNormal paragraphs, conditional comments, hidden spacer rows", () => {
    const html = `<html xmlns:o="urn:schemas-microsoft-com:office:office"><head>
      <meta http-equiv=Content-Type content="text/html; charset=gb2312">
      <!--[if gte mso 9]><xml><w:WordDocument></w:WordDocument></xml><![endif]--></head>
      <body lang=ZH-CN><div class=WordSection1>
      <p class=MsoNormal align=center><b><span style='font-size:22.0pt'>某某局2023年政府信息公开工作年度报告<o:p></o:p></span></b></p>
      <table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0>
       <tr><td rowspan=2><p class=MsoNormal><span>行政许可</span></p></td><td><p class=MsoNormal><span lang=EN-US>3<o:p></o:p></span></p></td></tr>
       <tr><td><p class=MsoNormal><span lang=EN-US>4</span><span lang=EN-US>0</span></p></td></tr>
       <![if !supportMisc]><tr height=0><td width=80 style='border:none'></td><td width=60 style='border:none'></td></tr><![endif]>
      </table><p class=MsoNormal style='display:none'>隐藏内容</p><span hidden>也隐藏</span></div></body></html>`;
    expect(cellsOf(html)).toEqual([
      ["某某局2023年政府信息公开工作年度报告"],
      ["行政许可", "3"],
      [null, "40"],
    ]);
  });

  it("keeps empty rows and the caption", () => {
    const html = `<table><caption>表三</caption><tr><td></td><td></td></tr><tr><td>a</td><td>1</td></tr></table>`;
    expect(cellsOf(html)).toEqual([["表三"], ["", ""], ["a", "1"]]);
  });
});
