// The 导出 page's choices — what to export (tables of cells, single cell ids, metrics) and the layout — as a
// plain GET form back to the page: the choices land in the URL beside the view's filters (carried as hidden
// fields), the page previews the selection and offers the download links. Works without JavaScript.
import { METRICS } from "@/lib/metrics/metric-dictionary";
import type { ExportFilters } from "@/lib/export/build-export-href";

const TABLES = [
  { token: "t2", label: "表二 主动公开政府信息情况" },
  { token: "t3", label: "表三 收到和处理政府信息公开申请情况" },
  { token: "t4", label: "表四 行政复议、行政诉讼情况" },
];

const CHOICE =
  "flex items-start gap-2 rounded-md border border-slate-200 px-3 py-2 text-sm hover:bg-slate-50 has-[:checked]:border-blue-700 has-[:checked]:bg-blue-50";

export function ExportForm({
  filters,
  cells,
  metrics,
  format,
}: {
  filters: ExportFilters;
  cells: readonly string[];
  metrics: readonly string[];
  format: "long" | "wide";
}) {
  const tableTokens = new Set(cells.filter((token) => /^t[234]$/.test(token)));
  const singleCells = cells.filter((token) => !/^t[234]$/.test(token)).join(", ");
  return (
    <form method="get" action="/export" className="space-y-5">
      {Object.entries(filters).map(([name, value]) =>
        value === undefined || value === null ? null : (
          <input
            key={name}
            type="hidden"
            name={name}
            value={Array.isArray(value) ? value.join(",") : String(value)}
          />
        ),
      )}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">单元格（按表选择，或填写单元格编号）</legend>
        <div className="grid gap-2 md:grid-cols-3">
          {TABLES.map((table) => (
            <label key={table.token} className={CHOICE}>
              <input
                type="checkbox"
                name="cells"
                value={table.token}
                defaultChecked={tableTokens.has(table.token)}
                className="mt-0.5"
              />
              <span>{table.label}</span>
            </label>
          ))}
        </div>
        <label className="block text-sm text-slate-700">
          <span className="mb-1 block">单元格编号（逗号分隔，可写前缀，如 t3.new 表示该行各列）</span>
          <input
            type="text"
            name="cells"
            defaultValue={singleCells}
            placeholder="t3.new.total, t4.review"
            className="w-full max-w-xl rounded-md border border-slate-300 px-3 py-1.5 font-mono text-sm"
          />
        </label>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">指标（数值和 n）</legend>
        <div className="grid gap-2 sm:grid-cols-2 lg:grid-cols-4">
          {METRICS.map((metric) => (
            <label key={metric.id} className={CHOICE}>
              <input
                type="checkbox"
                name="metrics"
                value={metric.id}
                defaultChecked={metrics.includes(metric.id)}
                className="mt-0.5"
              />
              <span>{metric.label}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">格式</legend>
        <div className="grid gap-2 md:grid-cols-2">
          <label className={CHOICE}>
            <input
              type="radio"
              name="format"
              value="long"
              defaultChecked={format === "long"}
              className="mt-0.5"
            />
            <span>
              明细（长表）：每个机构 × 年度 × 单元格（或指标）一行，含表、行、列名称，是否推算和未处理问题
            </span>
          </label>
          <label className={CHOICE}>
            <input
              type="radio"
              name="format"
              value="wide"
              defaultChecked={format === "wide"}
              className="mt-0.5"
            />
            <span>宽表：每个机构 × 年度一行，每个单元格、指标一列；Excel 文件按表分工作表</span>
          </label>
        </div>
      </fieldset>
      <p className="text-xs leading-5 text-slate-500">
        都不选时：明细导出全部单元格，宽表导出全部单元格和全部指标。明细一次只能导出单元格或指标之一。
      </p>
      <button
        type="submit"
        className="rounded-md bg-blue-700 px-4 py-2 text-sm font-medium text-white hover:bg-blue-800"
      >
        应用选择
      </button>
    </form>
  );
}
