"use client";

import { BUCKET_LABELS, describeUploadResult, type UploadOutcomeView } from "./describe-upload-result";
import type { UploadEntry } from "./use-upload-queue";

/** Counts of the batch by outcome; once nothing is under way, says the batch is finished. */
export function UploadSummary({
  entries,
  busy,
  onRetryFailed,
  onClear,
}: {
  entries: readonly UploadEntry[];
  busy: boolean;
  onRetryFailed: () => void;
  onClear: () => void;
}) {
  const counts = new Map<UploadOutcomeView["bucket"] | "failed", number>();
  let done = 0;
  for (const entry of entries) {
    if (entry.state.phase === "done") {
      done += 1;
      const bucket = describeUploadResult(entry.state.result).bucket;
      counts.set(bucket, (counts.get(bucket) ?? 0) + 1);
    } else if (entry.state.phase === "failed") counts.set("failed", (counts.get("failed") ?? 0) + 1);
  }
  const failed = counts.get("failed") ?? 0;
  const parts = (Object.keys(BUCKET_LABELS) as UploadOutcomeView["bucket"][])
    .filter((bucket) => counts.get(bucket))
    .map((bucket) => `${BUCKET_LABELS[bucket]} ${counts.get(bucket)}`);
  if (failed) parts.push(`发送失败 ${failed}`);
  return (
    <section
      aria-label="上传汇总"
      className="rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
    >
      <p className="font-medium text-slate-900">
        {busy
          ? `正在处理：已完成 ${done + failed} / ${entries.length} 个文件`
          : `本批 ${entries.length} 个文件已全部处理完毕`}
      </p>
      {busy ? (
        <progress
          className="mt-2 h-2 w-full"
          max={entries.length}
          value={done + failed}
          aria-label="本批上传进度"
        />
      ) : null}
      {parts.length > 0 ? <p className="mt-1 text-slate-700">{parts.join("，")}</p> : null}
      <div className="mt-3 flex flex-wrap gap-2">
        {failed > 0 && !busy ? (
          <button
            type="button"
            onClick={onRetryFailed}
            className="rounded bg-slate-800 px-3 py-1.5 text-white"
          >
            重试全部失败的文件
          </button>
        ) : null}
        {!busy ? (
          <button
            type="button"
            onClick={onClear}
            className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100"
          >
            清除已完成的记录
          </button>
        ) : null}
        <a href="/review" className="rounded border border-slate-300 px-3 py-1.5 hover:bg-slate-100">
          打开待核对列表
        </a>
      </div>
    </section>
  );
}
