"use client";
// One page of the original PDF drawn in the browser by pdf.js (pinned pdfjs-dist, loaded only on this page;
// its worker, CMaps and fonts come from our own origin, /pdfjs/<version>/…), the selected cell's box marked
// over it and the page's other flagged cells outlined. The file is fetched as bytes from the API.
import type { PDFDocumentProxy, PageViewport } from "pdfjs-dist";
import { useEffect, useRef, useState } from "react";
import type { PdfBox } from "@/lib/reader/locate/source-positions";

type PdfJs = typeof import("pdfjs-dist");
let loading: Promise<PdfJs> | null = null;

function loadPdfJs(): Promise<PdfJs> {
  loading ??= import("pdfjs-dist").then((pdfjs) => {
    pdfjs.GlobalWorkerOptions.workerSrc = `/pdfjs/${pdfjs.version}/pdf.worker.min.mjs`;
    return pdfjs;
  });
  return loading;
}

export interface PageMark {
  box: PdfBox;
  tone: "selected" | "inconsistent" | "uncertain";
}

const MARK_STYLES: Record<PageMark["tone"], string> = {
  selected: "border-2 border-sky-600 bg-sky-400/25",
  inconsistent: "border border-rose-500 bg-rose-400/10",
  uncertain: "border border-amber-500 bg-amber-400/10",
};

export function PdfPageView({
  documentId,
  page,
  marks,
}: {
  documentId: number;
  page: number;
  marks: PageMark[];
}) {
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [viewport, setViewport] = useState<PageViewport | null>(null);
  const [width, setWidth] = useState(0);
  const frame = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);

  useEffect(() => {
    let cancelled = false;
    let opened: PDFDocumentProxy | null = null;
    (async () => {
      const pdfjs = await loadPdfJs();
      const response = await fetch(`/api/documents/${documentId}/file`);
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const base = `/pdfjs/${pdfjs.version}/`;
      opened = await pdfjs.getDocument({
        data: new Uint8Array(await response.arrayBuffer()),
        cMapUrl: `${base}cmaps/`,
        cMapPacked: true,
        standardFontDataUrl: `${base}standard_fonts/`,
        isEvalSupported: false,
      }).promise;
      if (!cancelled) setPdf(opened);
    })().catch(() => {
      if (!cancelled) setError("原文 PDF 无法在浏览器中显示，请下载原文件查看。");
    });
    return () => {
      cancelled = true;
      void opened?.destroy();
    };
  }, [documentId]);

  useEffect(() => {
    const element = frame.current;
    if (!element) return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    setWidth(element.clientWidth);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    if (!pdf || !canvas.current || width === 0) return;
    let task: { cancel(): void; promise: Promise<void> } | null = null;
    let cancelled = false;
    (async () => {
      const pdfPage = await pdf.getPage(Math.min(Math.max(page, 1), pdf.numPages));
      const scaled = pdfPage.getViewport({ scale: width / pdfPage.getViewport({ scale: 1 }).width });
      const ratio = window.devicePixelRatio || 1;
      const target = canvas.current!;
      target.width = Math.floor(scaled.width * ratio);
      target.height = Math.floor(scaled.height * ratio);
      target.style.width = `${scaled.width}px`;
      target.style.height = `${scaled.height}px`;
      task = pdfPage.render({
        canvas: target,
        viewport: scaled,
        transform: ratio === 1 ? undefined : [ratio, 0, 0, ratio, 0, 0],
      });
      await task.promise;
      if (!cancelled) setViewport(scaled);
    })().catch(() => undefined);
    return () => {
      cancelled = true;
      task?.cancel();
    };
  }, [pdf, page, width]);

  return (
    <div ref={frame} className="relative w-full bg-slate-100" data-testid="pdf-page" data-page={page}>
      {error ? <p className="p-4 text-sm text-rose-800">{error}</p> : null}
      {!pdf && !error ? <p className="p-4 text-sm text-slate-600">正在载入原文 PDF…</p> : null}
      <canvas ref={canvas} className="block" aria-label={`原文第 ${page} 页`} role="img" />
      {viewport
        ? marks.map((mark, index) => {
            const [x1, y1, x2, y2] = viewport.convertToViewportRectangle(mark.box);
            const pad = 2;
            return (
              <div
                key={index}
                data-mark={mark.tone}
                className={`pointer-events-none absolute rounded-sm ${MARK_STYLES[mark.tone]}`}
                style={{
                  left: Math.min(x1, x2) - pad,
                  top: Math.min(y1, y2) - pad,
                  width: Math.abs(x2 - x1) + 2 * pad,
                  height: Math.abs(y2 - y1) + 2 * pad,
                }}
              />
            );
          })
        : null}
    </div>
  );
}
