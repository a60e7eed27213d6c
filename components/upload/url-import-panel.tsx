// 从网址导入: paste one address per line — a report's page or file, or a site's list of annual reports. Each
// address is sent on its own (two at a time) with its own state (等待 → 抓取中 → result): the list pages read,
// and every file found with its upload result and where it came from.
"use client";

import { useRef, useState } from "react";
import type { UrlImport } from "@/lib/ingest/import-from-url";
import { describeUploadResult } from "./describe-upload-result";
import { sendUrl } from "./send-url";
import { useLeaveGuard } from "./use-leave-guard";

const PARALLEL = 2;
const MAX_URLS = 200;

type UrlState =
  | { phase: "waiting" }
  | { phase: "fetching" }
  | { phase: "done"; result: UrlImport }
  | { phase: "failed"; message: string };

interface UrlEntry {
  id: number;
  url: string;
  state: UrlState;
}

const TONES = {
  ok: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  review: "bg-amber-50 text-amber-800 ring-amber-200",
  info: "bg-sky-50 text-sky-800 ring-sky-200",
  error: "bg-rose-50 text-rose-800 ring-rose-200",
  pending: "bg-slate-100 text-slate-700 ring-slate-200",
} as const;

export function UrlImportPanel() {
  const [text, setText] = useState("");
  const [entries, setEntries] = useState<UrlEntry[]>([]);
  const nextId = useRef(1);
  const busy = entries.some((e) => e.state.phase === "waiting" || e.state.phase === "fetching");
  useLeaveGuard(busy);

  const update = (id: number, state: UrlState) =>
    setEntries((current) => current.map((entry) => (entry.id === id ? { ...entry, state } : entry)));

  const start = () => {
    const urls = [
      ...new Set(
        text
          .split(/\s+/)
          .map((line) => line.trim())
          .filter(Boolean),
      ),
    ].slice(0, MAX_URLS);
    if (urls.length === 0) return;
    const added = urls.map((url) => ({ id: nextId.current++, url, state: { phase: "waiting" } as UrlState }));
    setEntries((current) => [...added, ...current]);
    setText("");
    let next = 0;
    const worker = async () => {
      while (next < added.length) {
        const entry = added[next++]!;
        update(entry.id, { phase: "fetching" });
        const outcome = await sendUrl(entry.url);
        update(
          entry.id,
          outcome.kind === "result"
            ? { phase: "done", result: outcome.result }
            : { phase: "failed", message: outcome.message },
        );
      }
    };
    for (let i = 0; i < Math.min(PARALLEL, added.length); i += 1) void worker();
  };

  return (
    <div className="space-y-4">
      <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4">
        <label htmlFor="import-urls" className="block font-medium text-slate-800">
          网址（每行一个）
        </label>
        <textarea
          id="import-urls"
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={5}
          placeholder={
            "https://www.example.gov.cn/col/col123/index.html\nhttps://www.example.gov.cn/art/2024/1/20/art_123_4567.html"
          }
          className="block w-full rounded-md border border-slate-300 px-3 py-2 font-mono text-sm"
        />
        <p className="text-sm text-slate-600">
          可以是年报网页、年报文件（PDF、Word），或网站“政府信息公开年报”栏目的列表页：列表页会在同一网站内查找年报链接（最多
          200 个，含翻页）。只抓取公网地址，每个网站同一时间只发一个请求；抓到的文件原样保存并注明来源网址。
        </p>
        <button
          type="button"
          onClick={start}
          disabled={!text.trim()}
          className="rounded bg-slate-800 px-4 py-2 text-sm font-medium text-white hover:bg-slate-700 disabled:opacity-50"
        >
          开始导入
        </button>
      </div>
      {entries.length > 0 ? (
        <ul
          aria-label="导入的网址"
          className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white"
        >
          {entries.map((entry) => (
            <UrlRow key={entry.id} entry={entry} />
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function UrlRow({ entry }: { entry: UrlEntry }) {
  const { state } = entry;
  const [badge, tone] =
    state.phase === "waiting"
      ? ["等待", "pending"]
      : state.phase === "fetching"
        ? ["抓取中…", "pending"]
        : state.phase === "failed"
          ? ["请求失败", "error"]
          : state.result.error && state.result.results.length === 0
            ? ["未导入", "error"]
            : [`找到 ${state.result.results.length} 个文件`, state.result.ok ? "ok" : "review"];
  return (
    <li className="space-y-1 px-3 py-2" data-testid="url-row">
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <p className="min-w-0 flex-1 basis-48 text-sm font-medium break-all text-slate-900">{entry.url}</p>
        <span
          role="status"
          className={`shrink-0 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone as keyof typeof TONES]}`}
        >
          {badge}
        </span>
      </div>
      {state.phase === "failed" ? <p className="text-xs text-rose-700">{state.message}</p> : null}
      {state.phase === "done" ? (
        <>
          {state.result.error ? (
            <p className="text-xs text-rose-700">
              {state.result.error.message}（{state.result.error.code}）
            </p>
          ) : null}
          {state.result.listPages > 0 ? (
            <p className="text-xs text-slate-500">读取列表页 {state.result.listPages} 个</p>
          ) : null}
          {state.result.results.length > 0 ? (
            <ul className="space-y-1 border-l-2 border-slate-100 pl-3">
              {state.result.results.map((result, index) => {
                const view = describeUploadResult(result);
                return (
                  <li
                    key={`${index}:${result.url}`}
                    className="text-xs text-slate-700"
                    data-testid="url-file"
                  >
                    <span
                      className={`mr-2 rounded-full px-1.5 py-0.5 font-medium ring-1 ring-inset ${TONES[view.tone]}`}
                    >
                      {view.label}
                    </span>
                    <span className="break-all text-slate-500">{result.url}</span>
                    {view.detail ? <span className="block">{view.detail}</span> : null}
                    {view.href ? (
                      <a
                        href={view.href}
                        target="_blank"
                        rel="noopener"
                        className="font-medium text-sky-700 underline"
                      >
                        {view.linkLabel}
                      </a>
                    ) : null}
                  </li>
                );
              })}
            </ul>
          ) : null}
        </>
      ) : null}
    </li>
  );
}
