// An agency's page: every year side by side in the layout of the template's tables 二, 三, 四, its metrics
// over the years, findings, versions and source documents, the names it was printed under. Prints cleanly.
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { AgencyApplicantTable, AgencyTemplateTables } from "@/components/agency/agency-tables";
import {
  AgencyFacts,
  AgencyFindings,
  AgencyMetrics,
  AgencyVersions,
} from "@/components/agency/agency-sections";
import { loadAgencyProfile } from "@/components/agency/load-agency";
import { PrintButton } from "@/components/agency/print-button";
import { ExportButtons } from "@/components/ui/export-buttons";
import { SectionSkeleton } from "@/components/ui/skeletons";
import { ViewHeader } from "@/components/ui/view-header";
import { requireUser } from "@/lib/auth/current-user";
import { readMinRateN } from "@/lib/metrics/min-rate-n";
import { agencyIdSchema, yearSchema } from "@/lib/queries/filters";

export async function generateMetadata({ params }: PageProps<"/agencies/[id]">): Promise<Metadata> {
  const id = agencyIdSchema.safeParse((await params).id);
  const profile = id.success ? await loadAgencyProfile(id.data) : null;
  return { title: profile?.name ?? "机构" };
}

export default async function AgencyPage({ params, searchParams }: PageProps<"/agencies/[id]">) {
  const user = await requireUser();
  const id = agencyIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const agencyId = id.data;
  const profile = await loadAgencyProfile(agencyId);
  if (!profile) notFound();
  const yearParam = yearSchema.safeParse((await searchParams).year);
  const minN = readMinRateN(process.env);
  return (
    <>
      <ViewHeader
        title={profile.name}
        description={`${profile.kind} · ${profile.years.length > 0 ? `${profile.years.map((y) => y.year).join("、")} 年有报告` : "尚无报告"}`}
        toolbar={
          <>
            <ExportButtons user={user} filters={{ agencies: [agencyId] }} />
            <PrintButton />
          </>
        }
      />
      <div className="space-y-6">
        <Suspense fallback={<SectionSkeleton rows={4} />}>
          <AgencyFacts agencyId={agencyId} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton title="指标历年变化" rows={10} />}>
          <AgencyMetrics agencyId={agencyId} minN={minN} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton title="报告表格" rows={16} />}>
          <AgencyTemplateTables agencyId={agencyId} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton rows={12} />}>
          <AgencyApplicantTable agencyId={agencyId} year={yearParam.success ? yearParam.data : null} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton title="问题与处理状态" rows={6} />}>
          <AgencyFindings agencyId={agencyId} />
        </Suspense>
        <Suspense fallback={<SectionSkeleton title="版本与原始文件" rows={4} />}>
          <AgencyVersions agencyId={agencyId} user={user} />
        </Suspense>
      </div>
    </>
  );
}
