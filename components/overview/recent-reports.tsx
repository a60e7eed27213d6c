// The newest current reports (all years) under 总览, with how many there are in all from a count query.
import { ReportsTable } from "@/components/reports-table";
import { Section } from "@/components/ui/section";
import { formatValue } from "@/components/ui/format-number";
import { db } from "@/lib/db";
import { countReports } from "@/lib/queries/count-reports";
import { listReports } from "@/lib/queries/list-reports";

const RECENT_LIMIT = 20;

export async function RecentReports() {
  const [reports, counts] = await Promise.all([listReports(db, { limit: RECENT_LIMIT }), countReports(db)]);
  return (
    <Section
      title="已导入的报告"
      description={`共 ${formatValue(counts.reports, "count")} 份年度报告（当前版本），涉及 ${formatValue(counts.agencies, "count")} 个机构；待处理问题 ${formatValue(counts.openFindings, "count")} 条（包括报告本身的数据不一致和识别不确定之处）。${counts.reports > RECENT_LIMIT ? `下表列出最新的 ${RECENT_LIMIT} 份。` : ""}`}
    >
      <ReportsTable rows={reports} />
    </Section>
  );
}
