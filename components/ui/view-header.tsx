// The top of every dashboard view: title, what the view shows for the current filters, a toolbar slot on
// the right (导出 CSV / 导出 Excel go here, issue 14), and the view's filter controls below.
import type { ReactNode } from "react";

export function ViewHeader({
  title,
  description,
  toolbar,
  filters,
  notice,
}: {
  title: string;
  description?: ReactNode;
  /** Actions on the view's current filters (export buttons). Hidden in print. */
  toolbar?: ReactNode;
  filters?: ReactNode;
  /** A message about the URL's filters (an invalid parameter that was ignored). */
  notice?: ReactNode;
}) {
  return (
    <header className="mb-6 space-y-4">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
          {description ? <div className="mt-2 text-sm leading-6 text-slate-600">{description}</div> : null}
        </div>
        <div data-slot="toolbar" className="flex flex-wrap gap-2 print:hidden">
          {toolbar}
        </div>
      </div>
      {notice}
      {filters ? <div className="print:hidden">{filters}</div> : null}
    </header>
  );
}
