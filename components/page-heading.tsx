import type { ReactNode } from "react";

/** The title block at the top of a page. */
export function PageHeading({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="mb-6">
      <h1 className="text-2xl font-semibold text-slate-900">{title}</h1>
      {children ? <div className="mt-2 text-sm leading-6 text-slate-600">{children}</div> : null}
    </div>
  );
}
