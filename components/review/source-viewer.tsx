"use client";
// The original beside the tables: for a PDF its page drawn with the selected cell's box marked; for text,
// HTML and Word the document's lines as plain text (never rendered as markup), the selected cell's line
// highlighted and scrolled into view. Positions come from the server as a promise (read on demand in the
// reader pool), so the tables show at once and the original follows.
import { use, useEffect, useMemo, useRef, useState } from "react";
import type { SourcePositions } from "@/lib/reader/locate/source-positions";
import type { CellFlag } from "./cell-states";
import { PdfPageView, type PageMark } from "./pdf-page-view";

export function SourceViewer({
  positions: pending,
  documentId,
  selected,
  flags,
}: {
  positions: Promise<SourcePositions | null>;
  documentId: number;
  selected: string | null;
  flags: ReadonlyMap<string, CellFlag>;
}) {
  const positions = use(pending);
  if (!positions)
    return (
      <p className="p-3 text-sm text-slate-600">
        无法定位原文中的单元格（文件无法重新读取），可下载原文件查看。
      </p>
    );
  return positions.kind === "pdf" ? (
    <PdfSource positions={positions} documentId={documentId} selected={selected} flags={flags} />
  ) : (
    <TextSource positions={positions} selected={selected} flags={flags} />
  );
}

function PdfSource({
  positions,
  documentId,
  selected,
  flags,
}: {
  positions: SourcePositions;
  documentId: number;
  selected: string | null;
  flags: ReadonlyMap<string, CellFlag>;
}) {
  const pageCount = positions.pages?.length ?? 1;
  const firstFlagged = [...flags.keys()].map((id) => positions.cells[id]?.page).find(Boolean);
  const selectedPage = selected ? positions.cells[selected]?.page : undefined;
  const [page, setPage] = useState(selectedPage ?? firstFlagged ?? 1);
  const [followed, setFollowed] = useState(selected);
  if (followed !== selected) {
    setFollowed(selected);
    if (selectedPage) setPage(selectedPage);
  }
  const marks = useMemo(() => {
    const list: PageMark[] = [];
    for (const [id, flag] of flags) {
      const position = positions.cells[id];
      if (flag && position?.box && position.page === page && id !== selected)
        list.push({ box: position.box, tone: flag });
    }
    const chosen = selected ? positions.cells[selected] : undefined;
    if (chosen?.box && chosen.page === page) list.push({ box: chosen.box, tone: "selected" });
    return list;
  }, [flags, positions, page, selected]);
  const chosen = selected ? positions.cells[selected] : undefined;
  return (
    <div>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-200 px-3 py-2 text-sm">
        <button
          type="button"
          className="rounded border px-2 py-0.5 disabled:opacity-40"
          disabled={page <= 1}
          onClick={() => setPage(page - 1)}
        >
          上一页
        </button>
        <span>
          第 {page} / {pageCount} 页
        </span>
        <button
          type="button"
          className="rounded border px-2 py-0.5 disabled:opacity-40"
          disabled={page >= pageCount}
          onClick={() => setPage(page + 1)}
        >
          下一页
        </button>
        {selected && chosen && !chosen.exact ? (
          <span className="text-xs text-slate-600">该格原文空白，已标出其所在行</span>
        ) : null}
      </div>
      <PdfPageView documentId={documentId} page={page} marks={marks} />
    </div>
  );
}

function TextSource({
  positions,
  selected,
  flags,
}: {
  positions: SourcePositions;
  selected: string | null;
  flags: ReadonlyMap<string, CellFlag>;
}) {
  const chosenLine = selected ? positions.cells[selected]?.line : undefined;
  const flaggedLines = useMemo(() => {
    const lines = new Map<number, CellFlag>();
    for (const [id, flag] of flags) {
      const line = positions.cells[id]?.line;
      if (line !== undefined && lines.get(line) !== "inconsistent") lines.set(line, flag);
    }
    return lines;
  }, [flags, positions]);
  const list = useRef<HTMLOListElement>(null);
  useEffect(() => {
    if (chosenLine === undefined) return;
    list.current?.querySelector(`[data-line="${chosenLine}"]`)?.scrollIntoView({ block: "center" });
  }, [chosenLine]);
  return (
    <ol ref={list} className="max-h-[70vh] overflow-auto p-2 font-mono text-xs leading-5" aria-label="原文">
      {positions.lines.map((line, index) => {
        const flag = flaggedLines.get(index);
        const tone =
          index === chosenLine
            ? "bg-sky-200 ring-2 ring-sky-600"
            : flag === "inconsistent"
              ? "bg-rose-50"
              : flag === "uncertain"
                ? "bg-amber-50"
                : "";
        return (
          <li
            key={index}
            data-line={index}
            aria-current={index === chosenLine ? "true" : undefined}
            className={`flex gap-2 whitespace-pre-wrap break-all px-1 ${tone}`}
          >
            <span className="w-8 shrink-0 select-none text-right text-slate-400">{index + 1}</span>
            <span>{line.replace(/\t/g, "  │  ") || " "}</span>
          </li>
        );
      })}
    </ol>
  );
}
