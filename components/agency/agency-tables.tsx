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
import {
  ABSENT,
  CORRECTED_MARK,
  INFERRED_MARK,
  TemplateTableView,
  type TemplateTableViewRow,
} from "@/components/agency/template-table-view";
import { EmptyState } from "@/components/ui/empty-state";
import { formatValue } from "@/components/ui/format-number";
import { Section } from "@/components/ui/section";
import { AMOUNT_CELLS, T3_COLUMNS } from "@/lib/reader/template/row-catalogue";
import type { CellValueRow } from "@/lib/queries/read-cells";

type CellMap = Map<string, CellValueRow>;

function indexCells(cells: readonly CellValueRow[]): CellMap {
  return new Map(cells.map((cell) => [`${cell.year}:${cell.cellId}`, cell]));
}

/** A cell as shown: its number, ／ where the year's template has no such cell, † corrected, * inferred. */
function cellText(cells: CellMap, year: number, cellId: string): string {
  const cell = cells.get(`${year}:${cellId}`);
  if (!cell) return ABSENT;
  const text = formatValue(cell.value, AMOUNT_CELLS.has(cellId) ? "amount" : "count");
  if (cell.corrected) return `${text}${CORRECTED_MARK}`;
  if (cell.inferred) return `${text}${INFERRED_MARK}`;
  return text;
}

function yearsRows(
  rows: readonly TemplateRow[],
  years: readonly { year: number }[],
  cells: CellMap,
): TemplateTableViewRow[] {
  return rows.map((row) => ({
    key: row.key,
    label: row.label,
    depth: row.depth,
    cells: row.cellId ? years.map(({ year }) => cellText(cells, year, row.cellId!)) : null,
  }));
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
  const headers = years.map(({ year }) => `${year} 年`);
  // Rows the agency's templates never print (e.g. 2019-only rows for 2021-only agencies) are left out.
  const printed = (rows: readonly TemplateRow[]) =>
    rows.filter((row) => row.heading || years.some(({ template }) => row.versions.includes(template)));
  return (
    <>
      <Section
        title="表二　主动公开政府信息情况"
        description="各年度并列；“／”表示该年度的模板没有此项，“—”表示报告中未填写，带 * 的数值为按报告自身合计推算，带 † 的数值已由填报员更正。"
      >
        <TemplateTableView
          label="表二 主动公开政府信息情况"
          headers={headers}
          rows={yearsRows(printed(TABLE_TWO_ROWS), years, cells)}
        />
      </Section>
      <Section
        title="表三　收到和处理政府信息公开申请情况（总计列）"
        description="各年度并列显示“总计”一列。"
      >
        <TemplateTableView
          label="表三 收到和处理政府信息公开申请情况"
          headers={headers}
          rows={yearsRows(printed(TABLE_THREE_ROWS), years, cells)}
        />
      </Section>
      <Section title="表四　政府信息公开行政复议、行政诉讼情况">
        <TemplateTableView
          label="表四 行政复议、行政诉讼情况"
          headers={headers}
          rows={yearsRows(printed(TABLE_FOUR_ROWS), years, cells)}
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
      <TemplateTableView
        label={`表三 按申请人类型 ${shown.year} 年`}
        headers={TABLE_THREE_COLUMNS.map((column) => column.label)}
        rows={rows.map((row) => ({
          key: row.key,
          label: row.label,
          depth: row.depth,
          cells: row.heading
            ? null
            : T3_COLUMNS.map((column) => cellText(cells, shown.year, `${row.key}.${column}`)),
        }))}
        wide
      />
    </Section>
  );
}
