// The brief of a view as the page and the DOCX route read it, on a database given by the caller: the numbers
// (getSupervisionBrief over the view's year, region and kinds) and the document printed from them. loadBrief
// passes the app's client; tests pass their own, so they check exactly what the page prints.
//   const read = await readViewBrief({ db, view, generatedAt: new Date() });  // null: no report at all
import { buildBriefDocument, type BriefDocument } from "@/components/brief/build-brief-document";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { getSupervisionBrief, type SupervisionBrief } from "@/lib/queries/get-supervision-brief";
import type { ViewContext } from "@/lib/queries/get-view-context";

export async function readViewBrief(options: {
  db: PrismaClient;
  view: ViewContext;
  generatedAt: Date;
}): Promise<{ brief: SupervisionBrief; document: BriefDocument } | null> {
  const { db, view } = options;
  if (view.year === null) return null;
  const brief = await getSupervisionBrief({
    db,
    year: view.year,
    region: view.region,
    kinds: view.filters.kind ?? null,
    minN: view.minN,
  });
  return { brief, document: buildBriefDocument(brief, { generatedAt: options.generatedAt }) };
}
