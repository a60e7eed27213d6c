// The fixed wording of roll-up findings (汇总核对), shared by 数据质量, the region page and the supervision
// brief, so each says the same thing about the same numbers.
import type { RollUpCheck, RollUpMismatch } from "@/lib/queries/get-roll-up-checks";

export function describeRollUpMismatch(mismatch: RollUpMismatch, check: RollUpCheck): string {
  if (mismatch.childrenSum > mismatch.parentValue) return "下级合计大于本级报告";
  if (check.missing.length > 0)
    return `本级大于下级合计；有 ${check.missing.length} 个下级未报送，差额可能在其中`;
  return "本级大于下级合计";
}

export function describeRollUpCheck(check: RollUpCheck): string {
  const parts = [
    `已报送的下级 ${check.reported.length} 个，未报送 ${check.missing.length} 个`,
    check.reported.length === 0
      ? "没有下级报告可比对"
      : `比对表三、表四 ${check.cellsCompared} 个有数值的单元格，${check.mismatches.length} 个与下级合计不符`,
  ];
  return `${parts.join("；")}。`;
}
