import { describe, expect, it } from "vitest";
import { classifyAgencyRest } from "./classify-agency-rest";
import { matchDepartment } from "./match-department";

describe("matchDepartment", () => {
  it.each([
    ["发改局", "发展和改革局"],
    ["发改委", "发展和改革委员会"],
    ["人社局", "人力资源和社会保障局"],
    ["住建局", "住房和城乡建设局"],
    ["市场监管局", "市场监督管理局"],
    ["卫健委", "卫生健康委员会"],
    ["卫健局", "卫生健康局"],
    ["交通局", "交通运输局"],
    ["医保局", "医疗保障局"],
    ["退役军人局", "退役军人事务局"],
    ["工信局", "工业和信息化局"],
    ["国资委", "国有资产监督管理委员会"],
    ["政府办", "人民政府办公室"],
    ["发展和改革局", "发展和改革局"], // official names are known as themselves
    ["市场监督管理局", "市场监督管理局"],
  ])("%s → %s", (printed, official) => expect(matchDepartment(printed)).toBe(official));

  it("does not know what is not a department", () => expect(matchDepartment("聚贤镇")).toBeNull());
});

describe("classifyAgencyRest", () => {
  it.each([
    ["", { role: "government" }],
    ["人民政府", { role: "government" }],
    ["街道办事处", { role: "government" }],
    ["发改局", { role: "department", department: "发展和改革局" }],
    ["市发改局", { role: "department", department: "发展和改革局" }],
    ["教育和体育局", { role: "department", department: "教育和体育局" }], // unknown to the table: kept as printed
    ["经济开发区管委会", { role: "other", name: "经济开发区管理委员会" }],
    ["人民法院", { role: "other", name: "人民法院" }],
    ["某某镇人民政府", { role: "unknown-region", region: "某某镇", kind: "乡镇" }],
    ["某某街道办事处", { role: "unknown-region", region: "某某街道", kind: "街道" }],
    ["某某县", { role: "unknown-region", region: "某某县", kind: "区县政府" }],
    ["某某市", { role: "unknown-region", region: "某某市", kind: null }], // prefecture or county-level city
  ])("“%s”", (rest, role) => expect(classifyAgencyRest(rest)).toEqual(role));
});
