import { describe, expect, it } from "vitest";
import { getPagePermission } from "./page-permissions";

describe("getPagePermission", () => {
  it.each([
    ["/", "browse"],
    ["/rankings", "browse"],
    ["/upload", "upload"],
    ["/upload/batch/3", "upload"],
    ["/uploads-help", "browse"],
    ["/review", "correct"],
    ["/reports/12", "browse"],
    ["/export", "export"],
    ["/admin", "manage_users"],
    ["/admin/users", "manage_users"],
    ["/admin/audit", "view_audit"],
    ["/admin/audit/12", "view_audit"],
  ])("%s needs %s", (path, action) => {
    expect(getPagePermission(path)).toBe(action);
  });
});
