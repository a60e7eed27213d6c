"use client";
// The review page's working area: the findings and the three tables on one side, the selected cell and the
// original on the other (side by side from 1024 px; below each other on a phone, where the selected cell
// opens as a sheet at the bottom of the screen).
import { Suspense, useMemo, useState } from "react";
import type { LayoutTable } from "./template-layout";
import type { ReportReview } from "@/lib/queries/get-report-review";
import type { SourcePositions } from "@/lib/reader/locate/source-positions";
import { CellPanel } from "./cell-panel";
import { flagCells } from "./cell-states";
import { FindingsList } from "./findings-list";
import { ReportTables } from "./report-tables";
import { SourceViewer } from "./source-viewer";

export function ReviewWorkspace({
  review,
  layout,
  labels,
  canCorrect,
  positions,
}: {
  review: ReportReview;
  layout: LayoutTable[];
  labels: Record<string, string>;
  canCorrect: boolean;
  positions: Promise<SourcePositions | null>;
}) {
  const [selected, setSelected] = useState<string | null>(null);
  const flags = useMemo(() => flagCells(review.findings), [review.findings]);
  const open = review.findings.filter((finding) => finding.status === "open").length;
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <div className="min-w-0 space-y-6">
        <section aria-labelledby="findings-heading">
          <h2 id="findings-heading" className="mb-2 text-base font-semibold text-slate-900">
            问题{open > 0 ? `（${open} 条待处理）` : ""}
          </h2>
          <FindingsList
            reportId={review.id}
            findings={review.findings}
            labels={labels}
            canResolve={canCorrect}
            onSelect={setSelected}
          />
        </section>
        <ReportTables
          layout={layout}
          cells={review.cells}
          flags={flags}
          labels={labels}
          selected={selected}
          onSelect={setSelected}
        />
      </div>
      <div className="min-w-0 space-y-3 lg:sticky lg:top-4 lg:max-h-[calc(100vh-2rem)] lg:self-start lg:overflow-auto">
        {selected ? (
          <div className="fixed inset-x-0 bottom-0 z-20 max-h-[60vh] overflow-auto border-t border-slate-300 bg-slate-50 p-2 shadow-lg lg:static lg:max-h-none lg:border-0 lg:bg-transparent lg:p-0 lg:shadow-none">
            <CellPanel
              reportId={review.id}
              cellId={selected}
              label={labels[selected] ?? selected}
              cell={review.cells[selected]}
              findings={review.findings.filter((f) => f.status === "open" && f.cellIds.includes(selected))}
              corrections={review.corrections.filter((c) => c.cellId === selected)}
              canCorrect={canCorrect}
              onClose={() => setSelected(null)}
            />
            <a href="#source" className="mt-1 block text-center text-xs text-sky-700 underline lg:hidden">
              在原文中查看
            </a>
          </div>
        ) : null}
        <section
          id="source"
          aria-labelledby="source-heading"
          className="rounded-lg border border-slate-200 bg-white"
        >
          <h2
            id="source-heading"
            className="flex flex-wrap items-baseline justify-between gap-2 border-b border-slate-200 px-3 py-2 text-sm font-semibold"
          >
            <span className="break-all">原文：{review.document.fileName}</span>
            <a
              href={`/api/documents/${review.document.id}/file`}
              className="text-xs font-normal text-sky-700 underline"
            >
              下载原文件
            </a>
          </h2>
          <Suspense fallback={<p className="p-3 text-sm text-slate-600">正在定位原文中的单元格…</p>}>
            <SourceViewer
              positions={positions}
              documentId={review.document.id}
              selected={selected}
              flags={flags}
            />
          </Suspense>
        </section>
      </div>
    </div>
  );
}
