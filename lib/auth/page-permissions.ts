// Which permission each page needs, by path prefix (longest match wins). proxy.ts enforces it before
// anything renders, so a wrong role gets a real 403 status even on pages that stream behind a loading
// skeleton; each page also calls requirePermission() itself for the same action.
// A new page that needs more than "browse" adds its prefix here.
import type { Action } from "./permissions";

const PAGE_PERMISSIONS: ReadonlyArray<[prefix: string, action: Action]> = [
  ["/upload", "upload"],
  ["/review", "correct"],
  ["/export", "export"],
  ["/admin/audit", "view_audit"],
  ["/admin", "manage_users"],
];

export function getPagePermission(pathname: string): Action {
  let best: [string, Action] | undefined;
  for (const entry of PAGE_PERMISSIONS) {
    const [prefix] = entry;
    const matches = pathname === prefix || pathname.startsWith(`${prefix}/`);
    if (matches && (!best || prefix.length > best[0].length)) best = entry;
  }
  return best?.[1] ?? "browse";
}
