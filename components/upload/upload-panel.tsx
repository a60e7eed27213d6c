// The 上传 page's working area: a drop zone (or file picker) taking any number of files, then one line per
// file with its progress and result, and the batch's summary.
"use client";

import { useDropzone } from "react-dropzone";
import { UploadRow } from "./upload-row";
import { UploadSummary } from "./upload-summary";
import { useLeaveGuard } from "./use-leave-guard";
import { useUploadQueue } from "./use-upload-queue";

export function UploadPanel({ maxBytes }: { maxBytes: number }) {
  const queue = useUploadQueue(maxBytes);
  useLeaveGuard(queue.busy);
  const { getRootProps, getInputProps, isDragActive, open } = useDropzone({
    onDrop: (files) => queue.add(files),
    noClick: true,
    multiple: true,
  });
  return (
    <div className="space-y-4">
      <div
        {...getRootProps({
          className: `rounded-lg border-2 border-dashed p-6 text-center transition-colors ${
            isDragActive ? "border-sky-500 bg-sky-50" : "border-slate-300 bg-white"
          }`,
        })}
      >
        <input {...getInputProps({ "aria-label": "选择要上传的报告文件" })} />
        <p className="font-medium text-slate-800">把报告文件拖到这里，可一次放入数百个</p>
        <p className="mt-1 text-sm text-slate-600">
          支持 PDF、Word（.docx；旧版 .doc、.wps 需服务器装有
          LibreOffice）、网页（.html）和文本（.txt，任意编码）；每个文件不超过{" "}
          {Math.round(maxBytes / 1024 / 1024)} MB
        </p>
        <button
          type="button"
          onClick={open}
          className="mt-4 rounded bg-slate-800 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700"
        >
          选择文件
        </button>
      </div>
      {queue.entries.length > 0 ? (
        <>
          <UploadSummary
            entries={queue.entries}
            busy={queue.busy}
            onRetryFailed={queue.retryAllFailed}
            onClear={queue.clearFinished}
          />
          <ul
            aria-label="上传的文件"
            className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
          >
            {queue.entries.map((entry) => (
              <UploadRow key={entry.id} entry={entry} onRetry={queue.retry} />
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
