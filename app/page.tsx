import type { Metadata } from "next";
import { connection } from "next/server";
import { PageHeading } from "@/components/page-heading";
import { ReportsTable } from "@/components/reports-table";
import { db } from "@/lib/db";
import { countReports } from "@/lib/queries/count-reports";
import { listReports } from "@/lib/queries/list-reports";
import { requireUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "总览" };

export default async function OverviewPage() {
  await requireUser();
  // Read at request time: the build has no database, and the list changes with every upload.
  await connection();
  const [reports, totals] = await Promise.all([listReports(db), countReports(db)]);

  return (
    <section>
      <PageHeading title="总览">
        {`已导入 ${totals.reports} 份年度报告，涉及 ${totals.agencies} 个机构；待处理问题 ${totals.openFindings} 条`}
        {"（包括报告本身的数据不一致和识别不确定之处）。"}
      </PageHeading>
      <ReportsTable rows={reports} />
    </section>
  );
}
