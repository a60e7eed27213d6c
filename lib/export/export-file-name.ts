// The download's name says what it holds and when: 年报导出_2023年_九龙坡区_乡镇_明细_2026-12-04.csv —
// sent as RFC 6266 `filename*=UTF-8''…` (percent-encoded UTF-8, which every current browser uses) beside an
// ASCII `filename=` for old clients. Characters no file system takes are replaced; the name is bounded.
import type { ExportQuery } from "./export-query";

const MAX_NAME_PART = 40;

export function buildExportFileName(options: {
  query: ExportQuery;
  /** The region's name, when the query names a known region. */
  regionName: string | null;
  now: Date;
}): { unicode: string; ascii: string } {
  const { query, regionName, now } = options;
  const date = now.toISOString().slice(0, 10);
  const years = [...new Set([...(query.years ?? []), ...(query.year ? [query.year] : [])])].sort();
  const parts = [
    "年报导出",
    years.length === 0
      ? "全部年度"
      : years.length <= 3
        ? `${years.join("、")}年`
        : `${years[0]}-${years.at(-1)}年`,
    regionName ?? (query.region ? query.region : null),
    query.kind ? query.kind.join("、") : null,
    query.agencies ? `${query.agencies.length}个机构` : null,
    query.q ? `含“${query.q}”` : null,
    query.format === "long" ? (query.metrics ? "指标明细" : "单元格明细") : "宽表",
    date,
  ].filter((part): part is string => Boolean(part));
  const extension = query.type;
  const unicode = `${parts.map(cleanPart).join("_")}.${extension}`;
  const ascii = [
    "nianbao-export",
    years.length > 0 ? years.join("-") : null,
    query.region ?? null,
    query.format,
    date,
  ]
    .filter(Boolean)
    .join("_");
  return { unicode, ascii: `${ascii}.${extension}` };
}

function cleanPart(part: string): string {
  return part.replace(/[\u0000-\u001f\u007f/\\:*?"<>|]/g, "_").slice(0, MAX_NAME_PART);
}

/** `attachment; filename="…"; filename*=UTF-8''…` with RFC 5987's attr-chars only. */
export function contentDisposition(name: { unicode: string; ascii: string }): string {
  const encoded = encodeURIComponent(name.unicode).replace(
    /['()*!]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${name.ascii}"; filename*=UTF-8''${encoded}`;
}
