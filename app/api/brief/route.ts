// GET /api/brief?region=&year=&kind= — the supervision brief (督查简报) of a region and year as a Word file,
// the same document as /regions/brief with the same filters (lib/queries/filters.ts; 400 INVALID_INPUT on a
// bad one, 404 NOT_FOUND for an unknown region or no report at all).
import { renderBriefDocx } from "@/components/brief/render-brief-docx";
import { loadBrief } from "@/components/brief/load-brief";
import { AppError } from "@/lib/api/app-error";
import { withAuth } from "@/lib/auth/route-handler";
import { db } from "@/lib/db";
import { dashboardFiltersSchema } from "@/lib/queries/filters";
import { getViewContext } from "@/lib/queries/get-view-context";

export const GET = withAuth({ permission: "browse" }, async ({ request }) => {
  const searchParams = new URL(request.url).searchParams;
  const strict = dashboardFiltersSchema.safeParse(Object.fromEntries(searchParams));
  if (!strict.success) throw new AppError("INVALID_INPUT", "筛选条件有误（region、year、kind）");
  const view = await getViewContext({ db, searchParams, env: process.env });
  if (view.regionUnknown) throw new AppError("NOT_FOUND", "没有这个地区代码");
  const brief = await loadBrief({ view });
  if (!brief) throw new AppError("NOT_FOUND", "还没有任何年度报告");
  const bytes = await renderBriefDocx(brief);
  const fileName = `${brief.title}.docx`;
  return new Response(Buffer.from(bytes), {
    headers: {
      "Content-Type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "Content-Disposition": `attachment; filename="brief.docx"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
      "Cache-Control": "no-store",
    },
  });
});
