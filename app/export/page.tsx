// 导出 — choose the reports (year, region, kinds; or agencies, from 对比 and an agency's page), the cells
// or metrics and the layout, see how many rows that makes, and download CSV or Excel. Every choice is in
// the URL; the download links are /api/export with the same parameters.
import type { Metadata } from "next";
import { Suspense } from "react";
import { z } from "zod";
import { ExportForm } from "@/components/export/export-form";
import { ExportPreview } from "@/components/export/export-preview";
import { InvalidFiltersNotice } from "@/components/ui/invalid-filters-notice";
import { describeScope, UnknownRegionNotice } from "@/components/ui/scope-description";
import { Section } from "@/components/ui/section";
import { SectionSkeleton } from "@/components/ui/skeletons";
import { ViewHeader } from "@/components/ui/view-header";
import { FilterBarSkeleton, ViewFilters } from "@/components/ui/view-filters";
import { requirePermission } from "@/lib/auth/current-user";
import { db } from "@/lib/db";
import type { ExportFilters } from "@/lib/export/build-export-href";
import {
  EXPORT_FORMATS,
  EXPORT_SELECTION_FIELDS,
  LONG_TAKES_ONE_KIND_MESSAGE,
  longTakesOneKind,
  longTakesOneKindError,
  searchParamsToObject,
} from "@/lib/export/export-query";
import { getViewContext } from "@/lib/queries/get-view-context";

export const metadata: Metadata = { title: "导出" };

const choicesSchema = z
  .object({ ...EXPORT_SELECTION_FIELDS, format: z.enum(EXPORT_FORMATS).default("long") })
  .refine(longTakesOneKind, longTakesOneKindError());

export default async function ExportPage({ searchParams }: PageProps<"/export">) {
  await requirePermission("export");
  const raw = await searchParams;
  const view = await getViewContext({ db, searchParams: raw, env: process.env });
  const byAgency = Boolean(view.filters.agencies || view.filters.years);
  const filters: ExportFilters = {
    // Agencies (from 对比 or an agency's page) are exported over all their years unless a year is named.
    year: view.filters.year ?? (byAgency ? undefined : (view.year ?? undefined)),
    years: view.filters.years,
    region: view.region?.code,
    kind: view.filters.kind,
    agencies: view.filters.agencies,
    q: view.filters.q,
  };
  const asked = searchParamsToObject(raw);
  const parsed = choicesSchema.safeParse(asked);
  // A refused choice stays ticked, so it can be corrected rather than chosen again.
  const choices = parsed.success
    ? parsed.data
    : {
        format: asked.format === "wide" ? ("wide" as const) : ("long" as const),
        cells: asked.cells?.split(","),
        metrics: asked.metrics?.split(","),
      };
  const key = JSON.stringify([filters, choices]);
  return (
    <>
      <ViewHeader
        title="导出"
        description={
          <>
            {view.year !== null && !byAgency ? `${describeScope(view)}。` : null}
            导出所选范围内各机构当前版本报告的单元格或指标，CSV 可直接用 Excel 打开（UTF-8 带 BOM），Excel
            文件中数值为数字格式。脚本可通过{" "}
            <a className="text-blue-800 underline" href="/api-docs">
              API
            </a>{" "}
            读取同样的数据。
          </>
        }
        notice={
          <>
            <InvalidFiltersNotice invalid={view.invalid} />
            <UnknownRegionNotice view={view} />
          </>
        }
        filters={
          view.year !== null && !byAgency ? (
            <Suspense fallback={<FilterBarSkeleton />}>
              <ViewFilters
                view={view}
                year={{ options: view.years, value: view.year }}
                kinds={{ value: view.filters.kind ?? [] }}
              />
            </Suspense>
          ) : null
        }
      />
      <div className="space-y-6">
        <Section title="导出内容">
          <ExportForm
            filters={filters}
            cells={choices.cells ?? []}
            metrics={choices.metrics ?? []}
            format={choices.format}
          />
        </Section>
        {parsed.success ? (
          <Suspense key={key} fallback={<SectionSkeleton title="下载" rows={3} />}>
            <ExportPreview filters={filters} choices={parsed.data} />
          </Suspense>
        ) : (
          <p
            role="alert"
            className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900"
          >
            {describeChoiceErrors(asked, parsed.error)}
          </p>
        )}
      </div>
    </>
  );
}

const FIELD_NAMES: Record<string, string> = { cells: "单元格编号", metrics: "指标", format: "格式" };

function describeChoiceErrors(asked: Record<string, string>, error: z.ZodError): string {
  if (!longTakesOneKind({ format: asked.format === "wide" ? "wide" : "long", ...asked }))
    return `无法导出：${LONG_TAKES_ONE_KIND_MESSAGE}，请改选宽表或去掉其中一项。`;
  const names = [...new Set(error.issues.map((issue) => String(issue.path[0] ?? "")))];
  return `无法导出：${names.map((name) => FIELD_NAMES[name] ?? name).join("、")}填写有误（单元格编号形如 t3.new.total，可写 t3 或 t3.new 这样的前缀）。`;
}
