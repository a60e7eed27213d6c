// An export from a parsed query to a stream: the region resolved to its path (an unknown code is refused),
// the cells and metrics chosen, the SQL built for the format, and the stream opened — CSV through COPY,
// XLSX through a cursor and the streaming workbook writer. The route adds the headers and the audit entry.
//   const opened = await openExport({ db, query, minN, now: new Date() });
import { getPool, type Db } from "@/lib/db/create-client";
import { METRICS, type MetricId } from "@/lib/metrics/metric-dictionary";
import type { CellSpec } from "@/lib/reader/template/cell-catalogue";
import {
  buildLongCellsSql,
  buildLongMetricsSql,
  buildWideSql,
  type ExportFlavour,
  type ExportSql,
} from "./build-export-sql";
import { buildExportFileName } from "./export-file-name";
import type { ExportQuery } from "./export-query";
import { resolveCellSelection } from "./resolve-cell-selection";
import { resolveExportSelection } from "./resolve-export-selection";
import { streamCsvExport, type ExportStream } from "./stream-csv-export";
import { streamXlsxExport, type ExportSheet } from "./stream-xlsx-export";

export interface OpenedExport extends ExportStream {
  fileName: { unicode: string; ascii: string };
  contentType: string;
}

export const CONTENT_TYPES = {
  csv: "text/csv; charset=utf-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

const TABLE_SHEETS = [
  { prefix: "t2.", name: "表二 主动公开" },
  { prefix: "t3.", name: "表三 依申请公开" },
  { prefix: "t4.", name: "表四 复议诉讼" },
];

export async function openExport(options: {
  db: Db;
  query: ExportQuery;
  minN: number;
  now: Date;
  /** The request's signal: an export whose client left while it waited for a connection never starts. */
  signal?: AbortSignal;
}): Promise<OpenedExport> {
  const { db, query, minN } = options;
  const { selection, region } = await resolveExportSelection(db, query);
  const { cells, metricIds } = chooseContent(query);
  const pool = getPool(db);
  const plan = (flavour: ExportFlavour, only: readonly CellSpec[] = cells, ids = metricIds): ExportSql => {
    if (query.format === "wide")
      return buildWideSql({ selection, cells: only, metricIds: ids, minN, flavour });
    if (query.metrics) return buildLongMetricsSql({ selection, metricIds: ids, minN, flavour });
    return buildLongCellsSql({ selection, cells: only, flavour });
  };
  const opened =
    query.type === "csv"
      ? await streamCsvExport({ pool, plan: plan("csv"), signal: options.signal })
      : await streamXlsxExport({
          pool,
          sheets: xlsxSheets(query, cells, metricIds, plan),
          signal: options.signal,
        });
  return {
    ...opened,
    fileName: buildExportFileName({ query, regionName: region?.name ?? null, now: options.now }),
    contentType: CONTENT_TYPES[query.type],
  };
}

/** Long: the cells (all when none named) or the metrics. Wide: what was named; nothing named = everything. */
function chooseContent(query: ExportQuery): { cells: readonly CellSpec[]; metricIds: MetricId[] } {
  const allMetrics = METRICS.map((metric) => metric.id);
  if (query.format === "long") {
    return query.metrics
      ? { cells: [], metricIds: query.metrics }
      : { cells: resolveCellSelection(query.cells), metricIds: [] };
  }
  if (!query.cells && !query.metrics)
    return { cells: resolveCellSelection(undefined), metricIds: allMetrics };
  return { cells: query.cells ? resolveCellSelection(query.cells) : [], metricIds: query.metrics ?? [] };
}

/** Long: one sheet. Wide: one sheet per table of the template, then the metrics. */
function xlsxSheets(
  query: ExportQuery,
  cells: readonly CellSpec[],
  metricIds: MetricId[],
  plan: (flavour: ExportFlavour, only?: readonly CellSpec[], ids?: MetricId[]) => ExportSql,
): ExportSheet[] {
  if (query.format === "long") return [{ name: query.metrics ? "指标" : "明细", plan: plan("typed") }];
  const sheets: ExportSheet[] = TABLE_SHEETS.flatMap(({ prefix, name }) => {
    const only = cells.filter((cell) => cell.id.startsWith(prefix));
    return only.length > 0 ? [{ name, plan: plan("typed", only, []) }] : [];
  });
  if (metricIds.length > 0) sheets.push({ name: "指标", plan: plan("typed", [], metricIds) });
  return sheets;
}
