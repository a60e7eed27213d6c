"use client";

import { describeUploadResult, type UploadTone } from "./describe-upload-result";
import type { UploadEntry } from "./use-upload-queue";

const TONES: Record<UploadTone | "pending", string> = {
  ok: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  review: "bg-amber-50 text-amber-800 ring-amber-200",
  info: "bg-sky-50 text-sky-800 ring-sky-200",
  error: "bg-rose-50 text-rose-800 ring-rose-200",
  pending: "bg-slate-100 text-slate-700 ring-slate-200",
};

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(0)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

/** One file of the batch: name and size, its status as it moves along, and what to do next. */
export function UploadRow({ entry, onRetry }: { entry: UploadEntry; onRetry: (id: number) => void }) {
  const { state } = entry;
  const view = state.phase === "done" ? describeUploadResult(state.result) : null;
  const badge =
    state.phase === "waiting"
      ? "等待发送"
      : state.phase === "sending"
        ? `发送中 ${Math.round(state.progress * 100)}%`
        : state.phase === "reading"
          ? "读取中…"
          : state.phase === "failed"
            ? "发送失败"
            : view!.label;
  const tone = view ? view.tone : state.phase === "failed" ? "error" : "pending";
  return (
    <li className="flex flex-wrap items-start gap-x-3 gap-y-1 px-3 py-2" data-testid="upload-row">
      <div className="min-w-0 flex-1 basis-48">
        <p className="break-all text-sm font-medium text-slate-900">{entry.file.name}</p>
        <p className="text-xs text-slate-500">{formatSize(entry.file.size)}</p>
      </div>
      <span
        role="status"
        className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
      >
        {badge}
      </span>
      {state.phase === "sending" ? (
        <progress
          className="h-1.5 w-full basis-full"
          max={1}
          value={state.progress}
          aria-label={`${entry.file.name} 发送进度`}
        />
      ) : null}
      {view?.detail || state.phase === "failed" ? (
        <p className="basis-full text-xs text-slate-600">
          {state.phase === "failed" ? state.message : view?.detail}
          {view?.href ? (
            <a
              href={view.href}
              target="_blank"
              rel="noopener"
              className="ml-2 font-medium text-sky-700 underline"
            >
              {view.linkLabel}
            </a>
          ) : null}
        </p>
      ) : null}
      {state.phase === "failed" ? (
        <button
          type="button"
          onClick={() => onRetry(entry.id)}
          className="rounded border border-slate-300 px-2 py-0.5 text-xs hover:bg-slate-100"
        >
          重试
        </button>
      ) : null}
    </li>
  );
}
