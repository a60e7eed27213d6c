"use client";

// Lines over the years: one line per category (a metric, an agency). Every point is also in the table
// that accompanies the chart.
//   <LineChart data={years} index="year" categories={[{ key: "applicationsNew", name: "本年新收申请" }]} valueFormat="count" />
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart as RechartsLineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import { colorAt, type ChartCategory, type ChartDatum } from "@/components/charts/chart-palette";
import { formatValue, type ValueFormat } from "@/components/ui/format-number";

export interface LineChartProps {
  data: ChartDatum[];
  index: string;
  categories: ChartCategory[];
  valueFormat: ValueFormat;
  label: string;
}

export function LineChart({ data, index, categories, valueFormat, label }: LineChartProps) {
  const format = (value: unknown) =>
    typeof value === "number" ? formatValue(value, valueFormat) : formatValue(null, valueFormat);
  return (
    <div data-chart="line" role="img" aria-label={label} className="w-full">
      <ResponsiveContainer width="100%" height={260}>
        <RechartsLineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey={index} fontSize={12} />
          <YAxis tickFormatter={format} fontSize={12} width={64} />
          <Tooltip formatter={(value) => format(value)} />
          {categories.length > 1 ? <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={null} /> : null}
          {categories.map((category, i) => (
            <Line
              key={category.key}
              dataKey={category.key}
              name={category.name}
              stroke={colorAt(i)}
              strokeWidth={2}
              dot={{ r: 3 }}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </RechartsLineChart>
      </ResponsiveContainer>
    </div>
  );
}
