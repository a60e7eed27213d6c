// A card-like block of a view with its own heading; each one sits in its own <Suspense>.
import type { ReactNode } from "react";

export function Section({
  title,
  description,
  children,
  id,
}: {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  id?: string;
}) {
  const headingId = `${id ?? slug(title)}-heading`;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm break-inside-avoid sm:p-5"
    >
      <h2 id={headingId} className="text-lg font-semibold text-slate-900">
        {title}
      </h2>
      {description ? <div className="mt-1 text-sm leading-6 text-slate-600">{description}</div> : null}
      <div className="mt-4 space-y-4">{children}</div>
    </section>
  );
}

function slug(text: string): string {
  let hash = 0;
  for (const char of text) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return `s${hash.toString(36)}`;
}
