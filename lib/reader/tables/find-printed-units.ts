// Units of the amount cells as printed: in the column heading (本年收费金额（单位：万元）) or next to the
// number. None printed (2019 采购总金额 often has none) → null and a UNIT_UNKNOWN finding.
import type { Finding, TemplateVersion } from "@/lib/reader/types";
import { describeCell } from "@/lib/reader/template/cell-catalogue";
import type { Item } from "./build-items";
import { findPrintedUnit } from "./read-table-two";

/** Each alternative holds 金额, so its mark 额 (AMOUNT_HEADING_MARK, read-table-two.ts): findPrintedUnit skips parts without it. */
export const AMOUNT_HEADINGS: Record<TemplateVersion, Record<string, RegExp>> = {
  "2021": { "t2.fees.amount": /收费金额/ },
  "2019": { "t2.procurement.amount": /采购总金额|采购金额/ },
};

export function findPrintedUnits(
  items: readonly Item[],
  range: [number, number] | null,
  template: TemplateVersion,
  cellUnits: ReadonlyMap<string, string | null>,
  cells: Readonly<Record<string, number | null>>,
): { units: Record<string, string | null>; findings: Finding[] } {
  const units: Record<string, string | null> = {};
  const findings: Finding[] = [];
  for (const [id, heading] of Object.entries(AMOUNT_HEADINGS[template])) {
    const unit = cellUnits.get(id) ?? (range ? findPrintedUnit(items, range[0], range[1], heading) : null);
    units[id] = unit;
    // A zero needs no unit; any other amount without one is ambiguous by a factor of 10 000.
    if (unit === null && cells[id] !== null && cells[id] !== undefined && cells[id] !== 0)
      findings.push({
        code: "UNIT_UNKNOWN",
        severity: "warning",
        kind: "uncertain",
        cells: [id],
        message: `${describeCell(id)} 为 ${cells[id]}，报告未注明单位（元或万元），请核对原文。`,
      });
  }
  return { units, findings };
}
