// Template version from table 二's column headings (2019: 本年新制作/上一年项目数量/政府集中采购 …;
// 2021: 本年制发件数/现行有效件数/本年收费金额 …); when the headings are missing, from the （六） sub-rows of
// table 三, then from the year (2019 template: reports for 2019 and 2020).
import type { TemplateVersion } from "@/lib/reader/types";

const MARKERS_2019 = [
  "本年新制作",
  "本年新公开",
  "对外公开总数量",
  "上一年项目数量",
  "本年增减",
  "采购项目数量",
  "采购总金额",
  "其他对外管理服务事项",
  "政府集中采购",
];
const MARKERS_2021 = [
  "本年制发件数",
  "本年废止件数",
  "现行有效件数",
  "本年收费金额",
  "本年处理决定数量",
  "逾期不补正",
  "逾期未按收费通知",
];

export function detectTemplate(normalizedText: string, year: number | null): TemplateVersion {
  const score2019 = MARKERS_2019.filter((marker) => normalizedText.includes(marker)).length;
  const score2021 = MARKERS_2021.filter((marker) => normalizedText.includes(marker)).length;
  if (score2019 !== score2021) return score2019 > score2021 ? "2019" : "2021";
  if (year !== null && year <= 2020) return "2019";
  return "2021";
}
