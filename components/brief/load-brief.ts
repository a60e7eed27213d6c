// The brief of a view (region, year, kinds from the URL) for the printable page and the DOCX route alike.
//   const loaded = await loadBrief({ view });  // null when there is no report at all
import "server-only";
import type { BriefDocument } from "@/components/brief/build-brief-document";
import { readViewBrief } from "@/components/brief/read-view-brief";
import { db } from "@/lib/db";
import type { ViewContext } from "@/lib/queries/get-view-context";

export async function loadBrief({ view }: { view: ViewContext }): Promise<BriefDocument | null> {
  const read = await readViewBrief({ db, view, generatedAt: new Date() });
  return read?.document ?? null;
}
