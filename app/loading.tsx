// Shown while a page's data loads (every dashboard page reads the database at request time).
export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="animate-pulse space-y-4">
      <div className="h-8 w-40 rounded bg-slate-200" />
      <div className="h-4 w-2/3 rounded bg-slate-200" />
      <div className="h-64 rounded-lg bg-slate-200" />
      <span className="sr-only">正在加载…</span>
    </div>
  );
}
