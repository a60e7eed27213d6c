"use client";

// 打印 — the page has print styles (no navigation, no filters, sections kept whole).
export function PrintButton() {
  return (
    <button
      type="button"
      onClick={() => window.print()}
      className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm text-slate-700 hover:bg-slate-50"
    >
      打印
    </button>
  );
}
