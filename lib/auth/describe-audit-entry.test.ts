import { describe, expect, it } from "vitest";
import { describeAuditEntry } from "./describe-audit-entry";

describe("describeAuditEntry", () => {
  it.each([
    ["user_update", "user staff1@example.org", "用户 staff1@example.org"],
    ["token_revoke", "token nbt_AbC123… of sup1@example.org", "令牌 nbt_AbC123…（sup1@example.org）"],
    // Emails as people write them, not as stored.
    ["user_create", "user zhang@xn--fsqu00a.xn--fiqs8s.invalid", "用户 zhang@例子.中国"],
    ["token_create", "token nbt_AbC123… of li@xn--fsqu00a.cn", "令牌 nbt_AbC123…（li@例子.cn）"],
    ["correction", "report 12", "报告 12"],
    ["upload", "document 7", "文件 7"],
    ["login", null, null],
  ])("%s: the object %j reads %j", (action, target, expected) => {
    expect(describeAuditEntry({ action, target, details: null }).target).toBe(expected);
  });

  it.each([
    [
      "user_update",
      { before: { role: "analyst", canExport: false }, after: { role: "staff", canExport: false } },
      ["角色：分析员 → 填报员"],
    ],
    [
      "user_update",
      {
        before: { name: "李", role: "staff", canExport: false, regions: [] },
        after: { name: "李", role: "staff", canExport: false, regions: ["5303", "530402"] },
      },
      ["限定地区：不限 → 5303、530402"],
    ],
    [
      "user_update",
      { before: { role: "supervisor", canExport: false }, after: { role: "supervisor", canExport: true } },
      ["导出：不可导出 → 可导出"],
    ],
    [
      "user_create",
      { name: "王", role: "supervisor", canExport: true, regions: [] },
      ["姓名：王", "角色：督查员", "导出：可导出", "限定地区：不限"],
    ],
    [
      "login_failed",
      { code: "INVALID_EMAIL_OR_PASSWORD", reason: "account_disabled" },
      ["代码：INVALID_EMAIL_OR_PASSWORD", "原因：账号已停用"],
    ],
    ["token_create", { tokenId: 3, name: "每晚导出" }, ["令牌编号：3", "用途：每晚导出"]],
    ["user_password_reset", { revokedTokens: 2 }, ["同时吊销的令牌：2"]],
    [
      "correction",
      { cell: "t3.new.natural", old: 5, new: null, reason: "原文笔误" },
      ["单元格 t3.new.natural：5 → 空", "理由：原文笔误"],
    ],
    [
      "upload",
      { file: "a.pdf", status: "rejected", error: "NOT_A_REPORT" },
      ["文件：a.pdf", "结果：未通过", "错误码：NOT_A_REPORT"],
    ],
  ])("%s %j reads %j", (action, details, expected) => {
    expect(describeAuditEntry({ action, target: null, details }).details).toEqual(expected);
  });

  it("shows nothing of an entry without details, and no English key of a known one", () => {
    expect(describeAuditEntry({ action: "logout", target: null, details: null }).details).toEqual([]);
    const lines = describeAuditEntry({
      action: "login_locked",
      target: null,
      details: { key: "account", lockedUntil: "2026-12-04T06:00:00.000Z", count: 12 },
    }).details;
    expect(lines).toEqual(["锁定对象：账号", "锁定至：12/04 14:00", "次数：12"]);
  });
});
