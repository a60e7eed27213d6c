// The agency's reports in the layout of the template's tables 二, 三 and 四, every year side by side, and
// 表三 by applicant type for one year. Values read from the cells (lib/queries/read-cells.ts); a value the
// report left blank but its own sums force is marked *; a cell the year's template does not have is "／".
import Link from "next/link";
import {
  TABLE_FOUR_ROWS,
  TABLE_THREE_COLUMNS,
  TABLE_THREE_ROWS,
  TABLE_TWO_ROWS,
  type TemplateRow,
} from "@/components/agency/template-rows";
import { loadAgencyCells, loadAgencyProfile } from "@/components/agency/load-agency";
import { EmptyState } from "@/components/ui/empty-state";
import { formatValue, NO_VALUE } from "@/components/ui/format-number";
import { Section } from "@/components/ui/section";
import { AMOUNT_CELLS, T3_COLUMNS } from "@/lib/reader/template/row-catalogue";
import type { CellValueRow } from "@/lib/queries/read-cells";

type CellMap = Map<string, CellValueRow>;

/** Nested rows indent by level (classes, not inline styles: the CSP may forbid those). */
const INDENT = ["pl-3", "pl-7", "pl-11", "pl-15"];

function indexCells(cells: readonly CellValueRow[]): CellMap {
  return new Map(cells.map((cell) => [`${cell.year}:${cell.cellId}`, cell]));
}

function CellValue({
  cells,
  year,
  cellId,
  template,
}: {
  cells: CellMap;
  year: number;
  cellId: string;
  template: string;
}) {
  const cell = cells.get(`${year}:${cellId}`);
  if (!cell) {
    return (
      <span title={`${year} 年的 ${template} 版模板没有此项`} className="text-slate-400">
        ／
      </span>
    );
  }
  const text = formatValue(cell.value, AMOUNT_CELLS.has(cellId) ? "amount" : "count");
  if (cell.corrected) {
    return (
      <span title="已由填报员更正（原识别值保留在版本记录中）" className="text-blue-800">
        {text}†
      </span>
    );
  }
  if (cell.inferred) {
    return (
      <span title="报告中为空，按报告自身的合计推算" className="text-amber-800">
        {text}*
      </span>
    );
  }
  return <>{text === NO_VALUE ? <span title="报告中未填写">{text}</span> : text}</>;
}

function YearsTable({
  label,
  rows,
  years,
  cells,
}: {
  label: string;
  rows: readonly TemplateRow[];
  years: { year: number; template: string }[];
  cells: CellMap;
}) {
  return (
    <div className="overflow-x-auto rounded-md border border-slate-200">
      <table aria-label={label} className="w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-slate-700">
          <tr>
            <th scope="col" className="px-3 py-2 text-left font-medium">
              项目
            </th>
            {years.map(({ year }) => (
              <th key={year} scope="col" className="px-3 py-2 text-right font-medium whitespace-nowrap">
                {year} 年
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 bg-white">
          {rows.map((row) => (
            <tr key={row.key} className={row.heading ? "bg-slate-50/60" : "hover:bg-slate-50"}>
              <th
                scope="row"
                className={`min-w-[10rem] py-1.5 pr-3 text-left font-normal ${INDENT[row.depth] ?? INDENT[3]} ${row.heading ? "font-medium text-slate-800" : "text-slate-700"}`}
              >
                {row.label}
              </th>
              {years.map(({ year, template }) => (
                <td key={year} className="px-3 py-1.5 text-right whitespace-nowrap tabular-nums">
                  {row.cellId ? (
                    <CellValue cells={cells} year={year} cellId={row.cellId} template={template} />
                  ) : null}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export async function AgencyTemplateTables({ agencyId }: { agencyId: number }) {
  const [profile, cellRows] = await Promise.all([loadAgencyProfile(agencyId), loadAgencyCells(agencyId)]);
  if (!profile) return null;
  const years = profile.years.map(({ year, template }) => ({ year, template }));
  if (years.length === 0) {
    return (
      <Section title="报告表格">
        <EmptyState title="该机构还没有已导入的年度报告。">
          报告上传并识别后，这里会按年度并列显示表二、表三、表四。
        </EmptyState>
      </Section>
    );
  }
  const cells = indexCells(cellRows);
  // Rows the agency's templates never print (e.g. 2019-only rows for 2021-only agencies) are left out.
  const printed = (rows: readonly TemplateRow[]) =>
    rows.filter((row) => row.heading || years.some(({ template }) => row.versions.includes(template)));
  return (
    <>
      <Section
        title="表二　主动公开政府信息情况"
        description="各年度并列；“／”表示该年度的模板没有此项，“—”表示报告中未填写，带 * 的数值为按报告自身合计推算，带 † 的数值已由填报员更正。"
      >
        <YearsTable
          label="表二 主动公开政府信息情况"
          rows={printed(TABLE_TWO_ROWS)}
          years={years}
          cells={cells}
        />
      </Section>
      <Section
        title="表三　收到和处理政府信息公开申请情况（总计列）"
        description="各年度并列显示“总计”一列。"
      >
        <YearsTable
          label="表三 收到和处理政府信息公开申请情况"
          rows={printed(TABLE_THREE_ROWS)}
          years={years}
          cells={cells}
        />
      </Section>
      <Section title="表四　政府信息公开行政复议、行政诉讼情况">
        <YearsTable
          label="表四 行政复议、行政诉讼情况"
          rows={printed(TABLE_FOUR_ROWS)}
          years={years}
          cells={cells}
        />
      </Section>
    </>
  );
}

export async function AgencyApplicantTable({ agencyId, year }: { agencyId: number; year: number | null }) {
  const [profile, cellRows] = await Promise.all([loadAgencyProfile(agencyId), loadAgencyCells(agencyId)]);
  if (!profile || profile.years.length === 0) return null;
  const shown = profile.years.find((y) => y.year === year) ?? profile.years.at(-1)!;
  const cells = indexCells(cellRows);
  const rows = TABLE_THREE_ROWS.filter((row) => row.heading || row.versions.includes(shown.template));
  return (
    <Section
      title={`表三　按申请人类型（${shown.year} 年）`}
      description={
        <span className="flex flex-wrap gap-x-3 gap-y-1 print:hidden">
          选择年度：
          {profile.years.map(({ year: y }) => (
            <Link
              key={y}
              href={`/agencies/${agencyId}?year=${y}`}
              aria-current={y === shown.year ? "page" : undefined}
              className={y === shown.year ? "font-medium text-slate-900" : "text-blue-800 hover:underline"}
            >
              {y} 年
            </Link>
          ))}
        </span>
      }
    >
      <div className="overflow-x-auto rounded-md border border-slate-200">
        <table
          aria-label={`表三 按申请人类型 ${shown.year} 年`}
          className="w-full min-w-[48rem] divide-y divide-slate-200 text-sm"
        >
          <thead className="bg-slate-50 text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2 text-left font-medium">
                项目
              </th>
              {TABLE_THREE_COLUMNS.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  className="px-3 py-2 text-right font-medium whitespace-nowrap"
                >
                  {column.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 bg-white">
            {rows.map((row) => (
              <tr key={row.key} className={row.heading ? "bg-slate-50/60" : "hover:bg-slate-50"}>
                <th
                  scope="row"
                  className={`py-1.5 pr-3 text-left font-normal ${INDENT[row.depth] ?? INDENT[3]} ${row.heading ? "font-medium" : "text-slate-700"}`}
                >
                  {row.label}
                </th>
                {T3_COLUMNS.map((column) => (
                  <td key={column} className="px-3 py-1.5 text-right whitespace-nowrap tabular-nums">
                    {row.heading ? null : (
                      <CellValue
                        cells={cells}
                        year={shown.year}
                        cellId={`${row.key}.${column}`}
                        template={shown.template}
                      />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}
