// The upload page's queue: every file added becomes an entry that is sent on its own request, a few at a
// time (SENDING_AT_ONCE), so each shows its own progress and result. Files over the size limit are answered
// at once, as the server would (TOO_LARGE), without sending them; a busy server is asked again after a pause;
// a failed file can be sent again.
"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { describeTooLarge } from "@/lib/ingest/upload-limits";
import type { UploadResult } from "@/lib/ingest/upload-result";
import { sendFile } from "./send-file";

const SENDING_AT_ONCE = 3;
const BUSY_RETRY_MS = 3000;
const BUSY_RETRIES = 10;

export type EntryState =
  | { phase: "waiting" }
  | { phase: "sending"; progress: number }
  | { phase: "reading" }
  | { phase: "done"; result: UploadResult }
  | { phase: "failed"; message: string };

export interface UploadEntry {
  id: number;
  file: File;
  state: EntryState;
  busyRetries: number;
}

export function useUploadQueue(maxBytes: number) {
  const [entries, setEntries] = useState<UploadEntry[]>([]);
  const nextId = useRef(1);
  const active = useRef(new Set<number>());

  const update = useCallback((id: number, change: Partial<UploadEntry>) => {
    setEntries((current) => current.map((entry) => (entry.id === id ? { ...entry, ...change } : entry)));
  }, []);

  const add = useCallback(
    (files: readonly File[]) => {
      const added = files.map((file): UploadEntry => {
        const id = nextId.current++;
        if (file.size <= maxBytes) return { id, file, state: { phase: "waiting" }, busyRetries: 0 };
        const error = { code: "TOO_LARGE", message: describeTooLarge(file.size, maxBytes) };
        const result: UploadResult = {
          file: file.name,
          ok: false,
          documentId: null,
          status: "rejected",
          error,
        };
        return { id, file, state: { phase: "done", result }, busyRetries: 0 };
      });
      setEntries((current) => [...current, ...added]);
    },
    [maxBytes],
  );

  const retry = useCallback(
    (id: number) => update(id, { state: { phase: "waiting" }, busyRetries: 0 }),
    [update],
  );

  const retryAllFailed = useCallback(() => {
    setEntries((current) =>
      current.map((entry) =>
        entry.state.phase === "failed" ? { ...entry, state: { phase: "waiting" }, busyRetries: 0 } : entry,
      ),
    );
  }, []);

  const clearFinished = useCallback(() => {
    setEntries((current) => current.filter((entry) => entry.state.phase !== "done"));
  }, []);

  // Start waiting entries while fewer than SENDING_AT_ONCE are under way.
  useEffect(() => {
    const free = SENDING_AT_ONCE - active.current.size;
    if (free <= 0) return;
    const ready = entries.filter((entry) => entry.state.phase === "waiting" && !active.current.has(entry.id));
    for (const entry of ready.slice(0, free)) {
      active.current.add(entry.id);
      update(entry.id, { state: { phase: "sending", progress: 0 } });
      const { promise } = sendFile(entry.file, {
        onProgress: (progress) => update(entry.id, { state: { phase: "sending", progress } }),
        onSent: () => update(entry.id, { state: { phase: "reading" } }),
      });
      void promise.then(async (outcome) => {
        if (outcome.kind === "busy" && entry.busyRetries < BUSY_RETRIES) {
          await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
          active.current.delete(entry.id);
          update(entry.id, { state: { phase: "waiting" }, busyRetries: entry.busyRetries + 1 });
          return;
        }
        active.current.delete(entry.id);
        if (outcome.kind === "result") update(entry.id, { state: { phase: "done", result: outcome.result } });
        else
          update(entry.id, {
            state: {
              phase: "failed",
              message:
                outcome.kind === "busy" ? "服务器繁忙，多次重试仍未处理，请稍后重试。" : outcome.message,
            },
          });
      });
    }
  }, [entries, update]);

  const pending = entries.filter((entry) => entry.state.phase !== "done" && entry.state.phase !== "failed");
  return { entries, add, retry, retryAllFailed, clearFinished, busy: pending.length > 0 };
}
