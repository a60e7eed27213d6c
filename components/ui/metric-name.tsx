// A metric's name as a link to its definition on 指标说明, with its formula on hover (title) and for
// screen readers — so no number on the dashboard is without its definition one click away.
import Link from "next/link";
import type { MetricDefinition } from "@/lib/metrics/metric-dictionary";

export function MetricName({ metric, className }: { metric: MetricDefinition; className?: string }) {
  const formula = `${metric.label} = ${metric.formulaText}${metric.kind === "rate" ? "（n 为分母）" : ""}`;
  return (
    <Link
      href={`/metrics#${metric.id}`}
      title={formula}
      aria-description={formula}
      className={`underline decoration-slate-300 decoration-dotted underline-offset-4 hover:text-blue-800 hover:decoration-blue-800 ${className ?? ""}`}
    >
      {metric.label}
    </Link>
  );
}
