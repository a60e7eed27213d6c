// The brief of a view (region, year, kinds from the URL) for the printable page and the DOCX route alike.
//   const loaded = await loadBrief({ view });  // null when there is no report at all
import "server-only";
import { buildBriefDocument, type BriefDocument } from "@/components/brief/build-brief-document";
import { db } from "@/lib/db";
import type { ViewContext } from "@/lib/queries/get-view-context";
import { getSupervisionBrief } from "@/lib/queries/get-supervision-brief";

export async function loadBrief({ view }: { view: ViewContext }): Promise<BriefDocument | null> {
  if (view.year === null) return null;
  const brief = await getSupervisionBrief({
    db,
    year: view.year,
    region: view.region,
    kinds: view.filters.kind ?? null,
    minN: view.minN,
  });
  return buildBriefDocument(brief, { generatedAt: new Date() });
}
