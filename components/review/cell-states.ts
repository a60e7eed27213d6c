// How a cell looks on the review page, from its stored state and the open findings that name it.
import type { StoredCell } from "@/lib/ingest/read-report-cells";
import type { ReviewFinding } from "@/lib/queries/get-report-review";

export type CellFlag = "inconsistent" | "uncertain" | null;

/** The strongest open finding on each cell: an inconsistency outranks an uncertainty. */
export function flagCells(findings: readonly ReviewFinding[]): Map<string, CellFlag> {
  const flags = new Map<string, CellFlag>();
  for (const finding of findings) {
    if (finding.status !== "open") continue;
    for (const id of finding.cellIds)
      if (flags.get(id) !== "inconsistent")
        flags.set(id, finding.kind === "inconsistent" ? "inconsistent" : "uncertain");
  }
  return flags;
}

export function formatCellValue(cell: StoredCell | undefined): string {
  if (!cell || cell.value === null) return "—";
  return cell.value.toLocaleString("zh-CN", { maximumFractionDigits: 4 });
}

export function cellClasses(cell: StoredCell | undefined, flag: CellFlag, selected: boolean): string {
  const base =
    "w-full min-w-[3rem] rounded px-1.5 py-1 text-right tabular-nums text-sm focus:outline-none focus-visible:ring-2 focus-visible:ring-sky-600";
  const tone =
    flag === "inconsistent"
      ? "bg-rose-50 text-rose-900 ring-2 ring-inset ring-rose-400"
      : flag === "uncertain"
        ? "bg-amber-50 text-amber-900 ring-2 ring-inset ring-amber-400"
        : cell?.corrected
          ? "bg-emerald-50 text-emerald-900"
          : cell?.inferred
            ? "bg-sky-50 italic text-sky-900"
            : "hover:bg-slate-100";
  return `${base} ${tone} ${selected ? "outline outline-2 outline-offset-1 outline-sky-700" : ""}`;
}
