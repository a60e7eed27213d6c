// 指标说明 — the metric dictionary (spec/metrics.md, lib/metrics/metric-dictionary.ts): name, formula, the
// cells it adds up, the denominator shown as n, and the rules every view follows. Every metric name
// elsewhere links here (#metric_id).
import type { Metadata } from "next";
import { ViewHeader } from "@/components/ui/view-header";
import { requireUser } from "@/lib/auth/current-user";
import { METRICS, type Formula, type MetricDefinition } from "@/lib/metrics/metric-dictionary";
import { readMinRateN } from "@/lib/metrics/min-rate-n";
import { describeCell } from "@/lib/reader/template/cell-catalogue";

export const metadata: Metadata = { title: "指标说明" };

function CellList({ formula }: { formula: Formula }) {
  return (
    <ul className="space-y-0.5 text-xs text-slate-600">
      {formula.plus.map((id) => (
        <li key={`+${id}`}>
          ＋ {describeCell(id)} <code className="text-slate-400">{id}</code>
        </li>
      ))}
      {(formula.minus ?? []).map((id) => (
        <li key={`-${id}`}>
          − {describeCell(id)} <code className="text-slate-400">{id}</code>
        </li>
      ))}
    </ul>
  );
}

function MetricEntry({ metric }: { metric: MetricDefinition }) {
  return (
    <article
      id={metric.id}
      className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm target:ring-2 target:ring-blue-600 break-inside-avoid"
    >
      <h2 className="text-lg font-semibold text-slate-900">
        {metric.label} <code className="ml-1 text-sm font-normal text-slate-500">{metric.id}</code>
      </h2>
      <dl className="mt-2 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[7rem_1fr]">
        <dt className="text-slate-500">公式</dt>
        <dd className="font-medium">{metric.formulaText}</dd>
        <dt className="text-slate-500">单位</dt>
        <dd>{metric.kind === "rate" ? (metric.unit === "%" ? "百分比（%）" : metric.unit) : metric.unit}</dd>
        {metric.kind === "count" ? (
          <>
            <dt className="text-slate-500">单元格</dt>
            <dd>
              <CellList formula={metric.value} />
            </dd>
          </>
        ) : (
          <>
            <dt className="text-slate-500">分子</dt>
            <dd>
              <CellList formula={metric.numerator} />
            </dd>
            <dt className="text-slate-500">分母 n</dt>
            <dd>
              <CellList formula={metric.denominator} />
            </dd>
          </>
        )}
      </dl>
    </article>
  );
}

export default async function MetricsPage() {
  await requireUser();
  const minN = readMinRateN(process.env);
  return (
    <>
      <ViewHeader
        title="指标说明"
        description="仪表盘上每个指标的定义。单元格编号对应年度报告模板的表二、表三、表四（N 本年新收，C 上年结转，T 办理结果总计，F 结转下年度，G 予以公开，P 部分公开，D 不予公开之和，RV 行政复议，LD 未经复议直接起诉，LR 复议后起诉）。"
      />
      <section
        aria-labelledby="rules-heading"
        className="mb-6 rounded-lg border border-slate-200 bg-white p-4 text-sm leading-6 shadow-sm"
      >
        <h2 id="rules-heading" className="text-lg font-semibold text-slate-900">
          计算规则
        </h2>
        <ul className="mt-2 list-disc space-y-1 pl-5 text-slate-700">
          <li>比率只在分母 n ≥ {minN} 时计算（可由管理员配置），n 总是显示在比率旁边。</li>
          <li>地区、类型等汇总先把各报告的分子、分母分别相加，再相除；从不对比率求平均。</li>
          <li>报告中某项未填写时，该报告的相关指标为空（显示“—”），不按 0 计算。</li>
          <li>“较上年”只比较两年都有报告的同一批机构（同口径）。</li>
          <li>报告正文中自行公布的比率不采用，它们常常无法复算。</li>
        </ul>
      </section>
      <div className="grid gap-4 lg:grid-cols-2">
        {METRICS.map((metric) => (
          <MetricEntry key={metric.id} metric={metric} />
        ))}
      </div>
    </>
  );
}
