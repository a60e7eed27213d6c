// Finds or creates the agencies of a batch of readings, set-based: their regions (province → town, the
// levels the gazetteer resolved), each agency by its full official name, the government a department
// belongs to (沾益区发改局 → 曲靖市沾益区人民政府), and the names as printed as aliases — three statements
// for a whole batch, whatever its size (one more when a region or a parent government is new).
// An agency first seen without a region or parent gets them from a later reading; `regionFilled` lists
// those whose region changed, so the caller refreshes their read-model rows; `updated` every existing agency
// given a region or a parent (the roll-up sums it counts in change: accept-readings.ts).
import { rawSql, runQuery, sql, type Sql, type SqlClient } from "@/lib/db/sql";
import type { AgencyLookup } from "@/lib/metrics/roll-up-children";
import type { AgencyInfo, AgencyKind, RegionCodes } from "@/lib/reader/types";

const LEVELS = ["province", "city", "county", "town"] as const;

export interface AgencyRef {
  id: number;
  kind: string;
  regionCode: string | null;
  regionPath: string | null;
}

export interface AgencyInput {
  info: AgencyInfo & { name: string };
  codes: RegionCodes;
}

export interface RegionLink {
  code: string;
  name: string;
  level: (typeof LEVELS)[number];
}

export async function upsertAgencies(
  client: SqlClient,
  inputs: readonly AgencyInput[],
): Promise<{ byName: Map<string, AgencyRef>; regionFilled: number[]; updated: number[] }> {
  if (inputs.length === 0) return { byName: new Map(), regionFilled: [], updated: [] };
  const plan = planAgencies(inputs);
  await ensureRegions(client, plan.chains);
  if (plan.parents.names.length > 0) await runQuery(client, insertParentsSql(plan.parents));
  const upserted = await runQuery<{ id: number; regionFilled: boolean; updated: boolean }>(
    client,
    upsertAgencyRowsSql(plan.agencies),
  );
  const agencies = await runQuery<AgencyRef & { name: string }>(
    client,
    insertAliasesAndFindSql(plan.aliases),
  );
  return {
    byName: new Map(agencies.map(({ name, ...ref }) => [name, ref])),
    regionFilled: upserted.filter((row) => row.regionFilled).map((row) => row.id),
    updated: upserted.filter((row) => row.updated).map((row) => row.id),
  };
}

/** What upsertAgencies' statements take, worked out from the readings before any round trip. */
export interface AgencyPlan {
  chains: RegionLink[][];
  parents: { names: string[]; kinds: AgencyKind[]; regionCodes: (string | null)[] };
  agencies: {
    names: string[];
    kinds: AgencyKind[];
    regionCodes: (string | null)[];
    parents: (string | null)[];
  };
  aliases: { aliasAgencies: string[]; aliases: string[]; names: string[] };
}

export function planAgencies(inputs: readonly AgencyInput[]): AgencyPlan {
  const chains = inputs.map((input) => regionChain(input));
  const rows = new Map<string, { kind: AgencyKind; regionCode: string | null; parent: string | null }>();
  const parents = new Map<string, { kind: AgencyKind; regionCode: string | null }>();
  inputs.forEach(({ info, codes }, index) => {
    const regionCode = chains[index]!.at(-1)?.code ?? null;
    const parent = parentGovernmentName(info);
    if (parent && !parents.has(parent))
      parents.set(parent, { kind: governmentKind(info, codes), regionCode });
    if (!rows.has(info.name)) rows.set(info.name, { kind: info.kind ?? "其他", regionCode, parent });
  });
  const names = [...rows.keys()];
  const aliasNames = inputs.filter(({ info }) => info.as_printed && info.as_printed !== info.name);
  return {
    chains,
    parents: {
      names: [...parents.keys()],
      kinds: [...parents.values()].map((p) => p.kind),
      regionCodes: [...parents.values()].map((p) => p.regionCode),
    },
    agencies: {
      names,
      kinds: names.map((n) => rows.get(n)!.kind),
      regionCodes: names.map((n) => rows.get(n)!.regionCode),
      parents: names.map((n) => rows.get(n)!.parent),
    },
    aliases: {
      aliasAgencies: aliasNames.map(({ info }) => info.name),
      aliases: aliasNames.map(({ info }) => info.as_printed!),
      names,
    },
  };
}

/** The government a department belongs to, inserted by name with it (insertParentsSql); null for the others. */
export function parentGovernmentName(info: AgencyInfo): string | null {
  return info.kind === "部门" && info.parent ? info.parent : null;
}

// The statements, apart from the values they take (one upload sends them inside a function of its own:
// build-upload-function.ts). Each takes its rows as parallel arrays.

// ON CONFLICT DO NOTHING on the unique name: safe when two batches create the same government at once.
export function insertParentsSql(rows: { names: unknown; kinds: unknown; regionCodes: unknown }): Sql {
  return sql`INSERT INTO "Agency" ("name", "kind", "regionCode")
          SELECT * FROM unnest(${rows.names}::text[], ${rows.kinds}::text[], ${rows.regionCodes}::text[])
          ON CONFLICT ("name") DO NOTHING`;
}

// How the rows' names find their agencies (AgencyLookup): "join" for a batch of hundreds (one hash join),
// "index" — each name (and its parent's) by the unique name index — for one upload, whose statements run on
// a generic plan inside a function (build-upload-function.ts) that guesses an array's unnest at 100 rows
// and hash-joined a scan of the whole Agency table — twice in the upsert, once for the aliases
// (bench:ingest-cpu --explain: ≈ 2,600 rows read per upload at 2,000 agencies, growing with the table).
// A batch keeps the joins (measured: the lookups cost bench:ingest-cpu --path seed's batches more).

// Only the names that are new or have a region or parent to fill go to the upsert: an upsert locks the
// row it conflicts with until commit, even when its WHERE updates nothing, and uploads of one agency
// would wait for each other from here instead of from the agency lock (accept-readings.ts). A name
// another transaction inserts meanwhile still meets ON CONFLICT, as before.
export function upsertAgencyRowsSql(
  rows: {
    names: unknown;
    kinds: unknown;
    regionCodes: unknown;
    parents: unknown;
  },
  lookup: AgencyLookup = "join",
): Sql {
  return sql`INSERT INTO "Agency" AS a ("name", "kind", "regionCode", "parentId")
        SELECT v.name, v.kind, v.region, p."id"
          FROM unnest(${rows.names}::text[], ${rows.kinds}::text[],
                      ${rows.regionCodes}::text[],
                      ${rows.parents}::text[]) AS v(name, kind, region, parent)
          ${rawSql(
            lookup === "index"
              ? `LEFT JOIN LATERAL (SELECT p."id" FROM "Agency" p WHERE p."name" = v.parent OFFSET 0) p ON true
          LEFT JOIN LATERAL (SELECT e."id", e."regionCode", e."parentId" FROM "Agency" e
                              WHERE e."name" = v.name OFFSET 0) e ON true`
              : `LEFT JOIN "Agency" p ON p."name" = v.parent
          LEFT JOIN "Agency" e ON e."name" = v.name`,
          )}
         WHERE e."id" IS NULL
            OR (e."regionCode" IS NULL AND v.region IS NOT NULL)
            OR (e."parentId" IS NULL AND p."id" IS NOT NULL)
        ON CONFLICT ("name") DO UPDATE
           SET "regionCode" = coalesce(a."regionCode", EXCLUDED."regionCode"),
               "parentId" = coalesce(a."parentId", EXCLUDED."parentId")
         WHERE (a."regionCode" IS NULL AND EXCLUDED."regionCode" IS NOT NULL)
            OR (a."parentId" IS NULL AND EXCLUDED."parentId" IS NOT NULL)
        RETURNING a."id", (xmax::text <> '0' AND a."regionCode" IS NOT NULL) AS "regionFilled",
                  xmax::text <> '0' AS "updated"`;
}

/** The names as printed kept as aliases, and the agencies of `names` with their region's path. */
export function insertAliasesAndFindSql(rows: AgencyPlan["aliases"]): Sql {
  return sql`WITH aliases AS (${insertAliasesSql(rows)})
        ${findAgenciesSql(rows)}`;
}

export function insertAliasesSql(
  rows: { aliasAgencies: unknown; aliases: unknown },
  lookup: AgencyLookup = "join",
): Sql {
  return sql`INSERT INTO "AgencyAlias" ("agencyId", "name")
          SELECT a."id", v.alias
            FROM unnest(${rows.aliasAgencies}::text[],
                        ${rows.aliases}::text[]) AS v(name, alias)
            ${rawSql(
              lookup === "index"
                ? `CROSS JOIN LATERAL (SELECT a."id" FROM "Agency" a WHERE a."name" = v.name OFFSET 0) a`
                : `JOIN "Agency" a ON a."name" = v.name`,
            )}
          ON CONFLICT DO NOTHING`;
}

export function findAgenciesSql(rows: { names: unknown }): Sql {
  return sql`SELECT a."id", a."name", a."kind", a."regionCode", r."path" AS "regionPath"
          FROM "Agency" a LEFT JOIN "Region" r ON r."code" = a."regionCode"
         WHERE a."name" = ANY(${rows.names}::text[])`;
}

function regionChain({ info, codes }: AgencyInput): RegionLink[] {
  return LEVELS.flatMap((level) => {
    const code = codes[level];
    const name = info[level];
    return code && name ? [{ level, code, name }] : [];
  });
}

/**
 * Usually every region exists already (the gazetteer sync fills them): one query, nothing written. A region
 * the gazetteer sync did not know is created under the previous resolved level (levels may be skipped:
 * 仙桃市 hangs on its province), its path extending the parent's stored path.
 */
async function ensureRegions(client: SqlClient, chains: RegionLink[][]): Promise<void> {
  const codes = [...new Set(chains.flat().map((link) => link.code))];
  if (codes.length === 0) return;
  const known = await runQuery<{ code: string; path: string }>(
    client,
    sql`SELECT "code", "path" FROM "Region" WHERE "code" = ANY(${codes}::text[])`,
  );
  const paths = new Map(known.map((region) => [region.code, region.path]));
  const missing: (RegionLink & { parentCode: string | null; path: string })[] = [];
  for (const chain of chains) {
    let parentCode: string | null = null;
    let parentPath = "";
    for (const link of chain) {
      let path = paths.get(link.code);
      if (path === undefined) {
        path = `${parentPath}${link.code}/`;
        paths.set(link.code, path);
        missing.push({ ...link, parentCode, path });
      }
      parentCode = link.code;
      parentPath = path;
    }
  }
  if (missing.length > 0) {
    // Foreign keys to parents are checked at the end of the statement: the order of rows does not matter.
    await runQuery(
      client,
      sql`INSERT INTO "Region" ("code", "name", "level", "parentCode", "path")
          SELECT * FROM unnest(${missing.map((r) => r.code)}::text[], ${missing.map((r) => r.name)}::text[],
                               ${missing.map((r) => r.level)}::"RegionLevel"[],
                               ${missing.map((r) => r.parentCode)}::text[], ${missing.map((r) => r.path)}::text[])
          ON CONFLICT DO NOTHING`,
    );
  }
}

/** A department belongs to the government of its own level: the innermost resolved region. */
function governmentKind(info: AgencyInfo, codes: RegionCodes): AgencyKind {
  if (codes.town) return info.town?.endsWith("街道") ? "街道" : "乡镇";
  if (codes.county) return "区县政府";
  if (codes.city) return "市政府";
  if (codes.province) return "省政府";
  return "其他";
}
