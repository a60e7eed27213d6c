// 汇总核对 on 数据质量 and the region page: each 区/县 or 市 government with a report that year, its tables 三 and
// 四 against the sum over its children's reports, the cells that differ (both sums and the difference) and
// the children that filed nothing that year (missing, not counted as zero). For a city or a county: above
// that, the page asks for one (the country's first hundred governments took seconds at a million reports).
import Link from "next/link";
import { RollUpTable } from "@/components/quality/roll-up-table";
import { EmptyState } from "@/components/ui/empty-state";
import { formatValue } from "@/components/ui/format-number";
import { Section } from "@/components/ui/section";
import { db } from "@/lib/db";
import { describeRollUpCheck } from "@/lib/queries/describe-roll-up";
import { getRollUpChecks, MAX_GOVERNMENTS, type RollUpCheck } from "@/lib/queries/get-roll-up-checks";
import { pathDepth } from "@/lib/queries/summary-sql";

/** Names of missing children shown per government; the rest are counted. */
const MISSING_NAMES_SHOWN = 30;
/**
 * Differing cells listed per government, largest difference first; the rest are counted (a city's twenty
 * governments with every cell off made a page of 4,000 rows that took seconds to render). Where several
 * governments are checked at once (a city and its counties), fewer each: at 20 a city's page still carried
 * 420 rows, 1.1 MB of HTML and its RSC payload, most of its server time at a million reports.
 */
const MISMATCHES_SHOWN = 20;
const MISMATCHES_SHOWN_OF_MANY = 5;
/** More governments than this in one check → MISMATCHES_SHOWN_OF_MANY each. */
const FEW_GOVERNMENTS = 3;

/** Above a city (the country, a province) the check would sum every cell of thousands of reports. */
const MIN_DEPTH = 2;

export async function RollUpSection({ year, regionPath }: { year: number; regionPath: string | null }) {
  if (pathDepth(regionPath ?? "") < MIN_DEPTH) {
    return (
      <Section id="roll-up" title="汇总核对（本级报告与下级合计）">
        <EmptyState title="请选择一个市或区县查看汇总核对。">
          区县、市政府的本级报告与其部门和下一级政府报告的合计逐格比对，按市或区县查看。
        </EmptyState>
      </Section>
    );
  }
  const { checks, total } = await getRollUpChecks({ db, year, regionPath });
  const flagged = checks.filter((check) => check.mismatches.length > 0 || check.missing.length > 0);
  const passed = checks.filter((check) => !flagged.includes(check));
  return (
    <Section
      id="roll-up"
      title="汇总核对（本级报告与下级合计）"
      description={
        <>
          区县、市政府的本级报告应等于其部门和下一级政府报告的合计：逐个比对表三、表四的单元格。未报送的下级单独列出，不按
          0 计。差额为本级报告减下级合计，为负即下级合计大于本级报告。
          {total > checks.length
            ? ` 共 ${total} 个政府，这里显示前 ${MAX_GOVERNMENTS} 个，请选择更小的地区。`
            : ""}
        </>
      }
    >
      {checks.length === 0 ? (
        <EmptyState title={`${year} 年所选范围内没有区县或市政府的本级报告。`} />
      ) : (
        <>
          {flagged.map((check) => (
            <RollUpCard
              key={check.government.agencyId}
              check={check}
              shownMismatches={checks.length > FEW_GOVERNMENTS ? MISMATCHES_SHOWN_OF_MANY : MISMATCHES_SHOWN}
            />
          ))}
          {passed.length > 0 ? (
            <p className="text-sm text-slate-600">
              核对一致、下级齐全：{passed.map((check) => check.government.name).join("、")}
            </p>
          ) : null}
        </>
      )}
    </Section>
  );
}

function RollUpCard({ check, shownMismatches }: { check: RollUpCheck; shownMismatches: number }) {
  const shown = check.missing.slice(0, MISSING_NAMES_SHOWN);
  const mismatches = [...check.mismatches]
    .sort((a, b) => Math.abs(b.parentValue - b.childrenSum) - Math.abs(a.parentValue - a.childrenSum))
    .slice(0, shownMismatches);
  return (
    <div className="space-y-2 border-t border-slate-100 pt-3 first:border-t-0 first:pt-0">
      <h3 className="font-medium text-slate-900">
        <Link href={`/reports/${check.government.reportId}`} className="text-blue-800 hover:underline">
          {check.government.name}
        </Link>
        <span className="ml-2 text-sm font-normal text-slate-500">{check.regionName}</span>
      </h3>
      <p className="text-sm text-slate-700">
        {describeRollUpCheck(check)}
        {check.missing.length > 0 && check.mismatches.some((m) => m.parentValue > m.childrenSum)
          ? ` 本级大于下级合计的差额可能在 ${check.missing.length} 个未报送的下级中。`
          : ""}
      </p>
      {check.mismatches.length > 0 ? (
        <RollUpTable
          label={`${check.government.name} 汇总核对不符的单元格`}
          rows={mismatches.map((row) => ({
            cellId: row.cellId,
            label: `${row.tableNo === 3 ? "表三" : "表四"} ${row.label}`,
            parent: formatValue(row.parentValue, "count"),
            sum: formatValue(row.childrenSum, "count"),
            diff: formatValue(row.parentValue - row.childrenSum, "count"),
            childrenWithValue: formatValue(row.childrenWithValue, "count"),
          }))}
        />
      ) : null}
      {check.mismatches.length > mismatches.length ? (
        <p className="text-sm text-slate-600">
          以上为差额最大的 {mismatches.length} 个单元格，共 {check.mismatches.length}{" "}
          个单元格不一致，请打开本级报告逐格核对。
        </p>
      ) : null}
      {check.missing.length > 0 ? (
        <p className="text-sm text-amber-800">
          未报送 {check.year} 年报告的下级：{shown.map((child) => child.name).join("、")}
          {check.missing.length > shown.length ? ` 等 ${check.missing.length} 个` : ""}
        </p>
      ) : null}
    </div>
  );
}
