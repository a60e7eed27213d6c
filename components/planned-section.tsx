import { PageHeading } from "@/components/page-heading";

/**
 * A section that is not built yet. It says plainly what the page will offer, so nobody mistakes an empty
 * page for missing data.
 */
export function PlannedSection({
  title,
  summary,
  plans,
}: {
  title: string;
  summary: string;
  plans: string[];
}) {
  return (
    <section>
      <PageHeading title={title}>{summary}</PageHeading>
      <div className="rounded-lg border border-dashed border-slate-300 bg-white p-6">
        <p className="font-medium text-slate-800">此功能正在建设中，完成后这里将提供：</p>
        <ul className="mt-3 list-disc space-y-1 pl-6 text-slate-700">
          {plans.map((plan) => (
            <li key={plan}>{plan}</li>
          ))}
        </ul>
      </div>
    </section>
  );
}
