// The agencies of a synthetic data set, over the real region tree (the gazetteer): towns and streets (乡镇 /
// 街道, most of them), county-level governments (区县政府) and their departments (部门), named the way the
// reader names real ones (漯河市郾城区裴城镇人民政府, 曲靖市沾益区发展和改革局), so filters, drill-down and
// coverage behave as with real data. Deterministic for a given seed.
import type { Random } from "@/lib/synthetic/generate-cells";
import { listRegions, type RegionRow } from "@/lib/reader/region/list-regions";
import type { AgencyInfo, AgencyKind, RegionCodes } from "@/lib/reader/types";

export interface SyntheticAgency {
  info: AgencyInfo & { name: string; kind: AgencyKind };
  codes: RegionCodes;
  /** Grows every count of its reports: a county government's report is larger than a town's. */
  scale: number;
}

const DEPARTMENTS = [
  "发展和改革局",
  "教育局",
  "科学技术局",
  "工业和信息化局",
  "公安局",
  "民政局",
  "司法局",
  "财政局",
  "人力资源和社会保障局",
  "自然资源局",
  "生态环境局",
  "住房和城乡建设局",
  "交通运输局",
  "水利局",
  "农业农村局",
  "商务局",
  "文化和旅游局",
  "卫生健康委员会",
  "退役军人事务局",
  "应急管理局",
  "审计局",
  "市场监督管理局",
  "统计局",
  "医疗保障局",
  "林业局",
  "城市管理局",
  "行政审批局",
  "信访局",
  "体育局",
  "粮食和物资储备局",
];

// Of every 10 agencies: 7 towns or streets, 1 county government, 2 departments (as the national counts go).
const KIND_ROLL = { town: 0.7, county: 0.8 };

export function planAgencies(count: number, random: Random): SyntheticAgency[] {
  const { byCode, towns, counties: gazetteerCounties } = gazetteer();
  // The towns, the counties and every (county, department) pair in a random order — as index permutations,
  // which draw the same numbers in the same order as shuffling the rows themselves would (shuffle), without
  // copying ~40,000 towns or making ~84,000 pairs for the few hundred agencies a run usually takes.
  const townOrder = shuffledIndexes(towns.length, random);
  const counties = shuffle([...gazetteerCounties], random);
  const slotOrder = shuffledIndexes(counties.length * DEPARTMENTS.length, random);
  const agencies: SyntheticAgency[] = [];
  const next = { town: 0, county: 0, department: 0 };
  while (agencies.length < count) {
    const roll = random();
    if (roll < KIND_ROLL.town && next.town < towns.length)
      agencies.push(townAgency(towns[townOrder[next.town++]!]!, byCode, random));
    else if (roll < KIND_ROLL.county && next.county < counties.length)
      agencies.push(countyAgency(counties[next.county++]!, byCode, random));
    else if (next.department < slotOrder.length) {
      // Pair i is the (i / departments)-th county's (i % departments)-th department, as counties.flatMap made them.
      const slot = slotOrder[next.department++]!;
      const county = counties[Math.floor(slot / DEPARTMENTS.length)]!;
      agencies.push(departmentAgency(county, DEPARTMENTS[slot % DEPARTMENTS.length]!, byCode, random));
    } else if (next.town >= towns.length && next.county >= counties.length) {
      throw new Error(`The region tree has room for ${agencies.length} synthetic agencies, not ${count}.`);
    }
  }
  return agencies;
}

interface Gazetteer {
  byCode: Map<string, RegionRow>;
  towns: readonly RegionRow[];
  counties: readonly RegionRow[];
}

// The region tree's rows as the plan reads them, made once per process (≈45,000 rows: a tenth of a second
// before the first synthetic document otherwise, every run).
let regionsOnce: Gazetteer | null = null;

function gazetteer(): Gazetteer {
  if (regionsOnce) return regionsOnce;
  const regions = listRegions();
  regionsOnce = {
    byCode: new Map(regions.map((region) => [region.code, region])),
    towns: regions.filter((r) => r.level === "town"),
    counties: regions.filter((r) => r.level === "county"),
  };
  return regionsOnce;
}

function chainOf(
  region: RegionRow,
  byCode: Map<string, RegionRow>,
): Partial<Record<RegionRow["level"], RegionRow>> {
  const chain: Partial<Record<RegionRow["level"], RegionRow>> = {};
  for (let at: RegionRow | undefined = region; at; at = at.parentCode ? byCode.get(at.parentCode) : undefined)
    chain[at.level] = at;
  return chain;
}

function describe(region: RegionRow, byCode: Map<string, RegionRow>) {
  const chain = chainOf(region, byCode);
  const codes: RegionCodes = {
    province: chain.province?.code ?? null,
    city: chain.city?.code ?? null,
    county: chain.county?.code ?? null,
    town: chain.town?.code ?? null,
  };
  const names = {
    province: chain.province?.name ?? null,
    city: chain.city?.name ?? null,
    county: chain.county?.name ?? null,
    town: chain.town?.name ?? null,
  };
  // 直辖市: the city row carries the municipality's name (重庆市); county-level cities under a province
  // (仙桃市) have no city.
  const prefix = `${names.city ?? ""}${names.county ?? ""}`;
  return { codes, names, prefix };
}

function townAgency(town: RegionRow, byCode: Map<string, RegionRow>, random: Random): SyntheticAgency {
  const { codes, names, prefix } = describe(town, byCode);
  const street = town.name.endsWith("街道");
  const name = `${prefix}${town.name}${street ? "办事处" : "人民政府"}`;
  return {
    info: {
      ...names,
      name,
      as_printed: `${names.county ?? ""}${town.name}`,
      kind: street ? "街道" : "乡镇",
      department: null,
      parent: null,
    },
    codes,
    scale: 0.5 + random() * 2,
  };
}

function countyAgency(county: RegionRow, byCode: Map<string, RegionRow>, random: Random): SyntheticAgency {
  const { codes, names, prefix } = describe(county, byCode);
  return {
    info: {
      ...names,
      name: `${prefix}人民政府`,
      as_printed: `${county.name}人民政府`,
      kind: "区县政府",
      department: null,
      parent: null,
    },
    codes,
    scale: 5 + random() * 30,
  };
}

function departmentAgency(
  county: RegionRow,
  department: string,
  byCode: Map<string, RegionRow>,
  random: Random,
): SyntheticAgency {
  const { codes, names, prefix } = describe(county, byCode);
  return {
    info: {
      ...names,
      name: `${prefix}${department}`,
      as_printed: `${county.name}${department}`,
      kind: "部门",
      department,
      parent: `${prefix}人民政府`,
    },
    codes,
    scale: 0.5 + random() ** 3 * 40,
  };
}

function shuffle<T>(items: T[], random: Random): T[] {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const item = items[i]!;
    items[i] = items[j]!;
    items[j] = item;
  }
  return items;
}

/** 0 … length − 1 in the order shuffle would leave rows in (the same random numbers drawn, in the same order). */
function shuffledIndexes(length: number, random: Random): Int32Array {
  const order = new Int32Array(length);
  for (let i = 0; i < length; i += 1) order[i] = i;
  for (let i = length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    const index = order[i]!;
    order[i] = order[j]!;
    order[j] = index;
  }
  return order;
}
