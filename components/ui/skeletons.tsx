// Placeholders shown per section while its data loads (each section has its own <Suspense>).
function Bar({ className }: { className: string }) {
  return <div className={`rounded bg-slate-200 ${className}`} />;
}

export function SectionSkeleton({ title, rows = 4 }: { title?: string; rows?: number }) {
  return (
    <div
      role="status"
      aria-live="polite"
      className="animate-pulse rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      {title ? <p className="text-lg font-semibold text-slate-400">{title}</p> : <Bar className="h-5 w-40" />}
      <div className="mt-4 space-y-3">
        {Array.from({ length: rows }, (_, i) => (
          <Bar key={i} className={`h-4 ${i % 2 === 0 ? "w-full" : "w-5/6"}`} />
        ))}
      </div>
      <span className="sr-only">正在加载…</span>
    </div>
  );
}

export function CardsSkeleton({ count = 12 }: { count?: number }) {
  return (
    <div role="status" aria-live="polite" className="grid animate-pulse grid-cols-2 gap-3 md:grid-cols-4">
      {Array.from({ length: count }, (_, i) => (
        <div key={i} className="h-24 rounded-lg border border-slate-200 bg-white p-3">
          <Bar className="h-3 w-20" />
          <Bar className="mt-3 h-6 w-16" />
          <Bar className="mt-3 h-3 w-24" />
        </div>
      ))}
      <span className="sr-only">正在加载…</span>
    </div>
  );
}

export function ChartSkeleton({ title }: { title?: string }) {
  return <SectionSkeleton title={title} rows={8} />;
}
