"use client";

// Bars for any ranking-like data: one bar per index value, one series per category (side by side, or
// stacked — e.g. an outcome mix that adds up to 100 %). Values are printed on the bars, in the same
// format as the table beside the chart, so a reader (and a test) can check one against the other.
//   <BarChart data={rows} index="label" categories={[{ key: "value", name: "公开率" }]} valueFormat="percent" />
import {
  Bar,
  CartesianGrid,
  LabelList,
  Legend,
  BarChart as RechartsBarChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { colorAt, type ChartCategory, type ChartDatum } from "@/components/charts/chart-palette";
import { formatValue, type ValueFormat } from "@/components/ui/format-number";

export interface BarChartProps {
  data: ChartDatum[];
  /** The key of the label of each bar (or group of bars). */
  index: string;
  categories: ChartCategory[];
  valueFormat: ValueFormat;
  /** "horizontal": bars run left to right, one row per index value (long Chinese names stay readable). */
  layout?: "horizontal" | "vertical";
  stacked?: boolean;
  /** Print each bar's value on it (default: for single-series charts). */
  showValues?: boolean;
  /** Accessible name of the chart. */
  label: string;
}

const ROW_HEIGHT = 34;

export function BarChart({
  data,
  index,
  categories,
  valueFormat,
  layout = "horizontal",
  stacked = false,
  showValues = categories.length === 1,
  label,
}: BarChartProps) {
  const format = (value: unknown) =>
    typeof value === "number" ? formatValue(value, valueFormat) : formatValue(null, valueFormat);
  const horizontal = layout === "horizontal";
  const height = horizontal
    ? Math.max(
        160,
        data.length * (stacked ? ROW_HEIGHT : ROW_HEIGHT * Math.max(1, categories.length * 0.7)) + 60,
      )
    : 300;
  return (
    <div data-chart="bar" role="img" aria-label={label} className="w-full">
      <ResponsiveContainer width="100%" height={height}>
        <RechartsBarChart
          data={data}
          layout={horizontal ? "vertical" : "horizontal"}
          margin={{ top: 8, right: showValues ? 56 : 16, bottom: 8, left: 8 }}
        >
          <CartesianGrid strokeDasharray="3 3" horizontal={!horizontal} vertical={horizontal} />
          {horizontal ? (
            <>
              <XAxis type="number" tickFormatter={format} fontSize={12} />
              <YAxis type="category" dataKey={index} width={120} fontSize={12} tickFormatter={shorten} />
            </>
          ) : (
            <>
              <XAxis dataKey={index} fontSize={12} />
              <YAxis tickFormatter={format} fontSize={12} width={64} />
            </>
          )}
          <Tooltip formatter={(value) => format(value)} />
          {categories.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} /> : null}
          {categories.map((category, i) => (
            <Bar
              key={category.key}
              dataKey={category.key}
              name={category.name}
              fill={colorAt(i)}
              stackId={stacked ? "stack" : undefined}
              // A zero still gets a sliver, so its value label is drawn like every other (Recharts skips
              // the labels of bars without a size).
              minPointSize={stacked ? 0 : 2}
              maxBarSize={28}
              isAnimationActive={false}
            >
              {showValues ? (
                <LabelList
                  dataKey={category.key}
                  position={stacked ? "center" : horizontal ? "right" : "top"}
                  formatter={format}
                  fontSize={11}
                  fill={stacked ? "#ffffff" : "#334155"}
                />
              ) : null}
            </Bar>
          ))}
        </RechartsBarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** Axis labels of long agency names: the table beside the chart has the full name. */
function shorten(text: unknown): string {
  const value = String(text ?? "");
  return value.length > 9 ? `${value.slice(0, 8)}…` : value;
}
