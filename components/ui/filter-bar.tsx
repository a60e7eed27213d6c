"use client";

// The filter controls of a view. They only rewrite the URL — a history entry per change and a server
// render for the new filters — so every view is a link and the back button restores it; the server reads
// the same parameters through lib/queries/filters.ts. A new filter starts again at page 1.
// nuqs's parsers and serializer write the query string (other parameters are kept); the navigation is
// Next's own router.push: nuqs 2.10's app-router adapter pushes its own history entry (state null) before
// router.replace, and with Next 16 a quick back/forward then left the page showing another URL's data.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { createSerializer, parseAsArrayOf, parseAsInteger, parseAsString } from "nuqs";
import { useEffect, useId, useRef, useState, useTransition, type FormEvent, type ReactNode } from "react";
import { METRICS } from "@/lib/metrics/metric-dictionary";
import type { RegionPickerLevel } from "@/lib/queries/list-region-options";
import { AGENCY_KINDS } from "@/lib/reader/types";

const parsers = {
  year: parseAsInteger,
  region: parseAsString,
  kind: parseAsArrayOf(parseAsString, ","),
  metric: parseAsString,
  sort: parseAsString,
  q: parseAsString,
  page: parseAsInteger,
};

const serialize = createSerializer(parsers);
type FilterChanges = Parameters<typeof serialize>[1];

export const SORT_LABELS: Record<string, string> = {
  value_desc: "数值从高到低",
  value_asc: "数值从低到高",
  change_desc: "较上年增加最多",
  change_asc: "较上年减少最多",
  name: "名称",
};

export interface FilterBarProps {
  /** Years with data, newest first, and the year shown (the default when the URL has none). */
  year?: { options: number[]; value: number | null };
  kinds?: { value: readonly string[] };
  metric?: { value: string };
  regions?: RegionPickerLevel[];
  sort?: { value: string; options: readonly string[] };
  search?: { value: string; label: string; placeholder: string };
}

export function FilterBar({ year, kinds, metric, regions, sort, search }: FilterBarProps) {
  const [isPending, startTransition] = useTransition();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const current = `${pathname}?${searchParams.toString()}`;
  // A second change before the first one's page has arrived builds on the first, not on the old URL.
  const pending = useRef<string | null>(null);
  useEffect(() => {
    pending.current = null;
  }, [current]);
  const update = (changes: NonNullable<FilterChanges>) => {
    const href = serialize(pending.current ?? current, { ...changes, page: null });
    pending.current = href;
    startTransition(() => router.push(href, { scroll: false }));
  };

  return (
    <div
      aria-busy={isPending}
      className={`flex flex-wrap items-end gap-x-4 gap-y-3 rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-sm transition-opacity ${isPending ? "opacity-60" : ""}`}
    >
      {year ? (
        <Field label="年度">
          {(id) => (
            <select
              id={id}
              value={year.value ?? ""}
              onChange={(event) => update({ year: event.target.value ? Number(event.target.value) : null })}
              className={SELECT}
            >
              {year.value === null ? <option value="">最近年度</option> : null}
              {year.options.map((option) => (
                <option key={option} value={option}>
                  {option} 年
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {metric ? (
        <Field label="指标">
          {(id) => (
            <select
              id={id}
              value={metric.value}
              onChange={(event) => update({ metric: event.target.value })}
              className={SELECT}
            >
              <optgroup label="数量">
                {METRICS.filter((m) => m.kind === "count").map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </optgroup>
              <optgroup label="比率">
                {METRICS.filter((m) => m.kind === "rate").map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.label}
                  </option>
                ))}
              </optgroup>
            </select>
          )}
        </Field>
      ) : null}
      {regions
        ? regions.map((level, index) => (
            <Field
              key={level.parentCode || "root"}
              label={index === 0 ? "地区" : `${nameOf(regions[index - 1]!)}下辖`}
            >
              {(id) => (
                <select
                  id={id}
                  value={level.selected ?? ""}
                  onChange={(event) =>
                    update({ region: event.target.value || regions[index - 1]?.selected || null })
                  }
                  className={`${SELECT} max-w-44`}
                >
                  <option value="">{index === 0 ? "全国" : "全部"}</option>
                  {level.options.map((option) => (
                    <option key={option.code} value={option.code}>
                      {option.name}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          ))
        : null}
      {sort ? (
        <Field label="排序">
          {(id) => (
            <select
              id={id}
              value={sort.value}
              onChange={(event) => update({ sort: event.target.value })}
              className={SELECT}
            >
              {sort.options.map((option) => (
                <option key={option} value={option}>
                  {SORT_LABELS[option] ?? option}
                </option>
              ))}
            </select>
          )}
        </Field>
      ) : null}
      {kinds ? (
        <fieldset className="min-w-0">
          <legend className="mb-1 text-xs font-medium text-slate-600">机构类型</legend>
          <div className="flex flex-wrap gap-1">
            {AGENCY_KINDS.map((kind) => {
              const checked = kinds.value.includes(kind);
              return (
                <label
                  key={kind}
                  className={`cursor-pointer rounded-full border px-2.5 py-1 text-xs select-none ${checked ? "border-blue-700 bg-blue-50 text-blue-900" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`}
                >
                  <input
                    type="checkbox"
                    className="sr-only"
                    checked={checked}
                    onChange={() => {
                      const next = checked ? kinds.value.filter((k) => k !== kind) : [...kinds.value, kind];
                      update({
                        kind: next.length > 0 ? AGENCY_KINDS.filter((k) => next.includes(k)) : null,
                      });
                    }}
                  />
                  {kind}
                </label>
              );
            })}
          </div>
        </fieldset>
      ) : null}
      {search ? <SearchField {...search} onSearch={(q) => update({ q: q || null })} /> : null}
      {isPending ? (
        <span role="status" className="text-xs text-slate-500">
          正在更新…
        </span>
      ) : null}
    </div>
  );
}

function nameOf(level: RegionPickerLevel): string {
  return level.options.find((option) => option.code === level.selected)?.name ?? "";
}

const SELECT =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm text-slate-900 focus:border-blue-600 focus:outline-none";

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

function SearchField({
  value,
  label,
  placeholder,
  onSearch,
}: {
  value: string;
  label: string;
  placeholder: string;
  onSearch: (q: string) => void;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim());
  };
  return (
    <form role="search" onSubmit={submit} className="flex min-w-0 flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          type="search"
          value={text}
          maxLength={50}
          placeholder={placeholder}
          onChange={(event) => setText(event.target.value)}
          className="w-52 max-w-full min-w-0 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
        />
        <button
          type="submit"
          className="rounded-md bg-slate-800 px-3 py-1.5 text-sm text-white hover:bg-slate-700"
        >
          搜索
        </button>
      </div>
    </form>
  );
}
