// 排名's value-order indexes (lib/metrics/ranking-index.ts): the migration holds exactly the index of every
// metric of the dictionary as the module writes it, and the national page of each metric, by value and by
// change, is planned on that index — the planner takes an expression index only when the query's expression
// is the index's, and a partial index only when the query's WHERE implies its predicate, so a query and an
// index that drift apart fail here. (Whether the rows come out right is ranking-paths.test.ts's part.)
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { MIGRATIONS_DIR } from "@/lib/db/apply-migrations";
import { Prisma } from "@/lib/generated/prisma/client";
import { METRICS } from "@/lib/metrics/metric-dictionary";
import { changeIndexName, changeIndexSql, changeTableSql } from "@/lib/metrics/metric-changes";
import { rankingIndexName, rankingIndexSql } from "@/lib/metrics/ranking-index";
import type { SortKey } from "@/lib/queries/filters";
import { getAgencyRanking } from "@/lib/queries/get-agency-ranking";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 120_000);
afterAll(() => t?.drop());

test("the migration creates exactly one index per metric, as ranking-index.ts writes it", async () => {
  const text = await readFile(
    path.join(MIGRATIONS_DIR, "20261208000000_ranking_indexes", "migration.sql"),
    "utf8",
  );
  expect(text.match(/^CREATE INDEX[\s\S]*?;$/gm)).toEqual(METRICS.map(rankingIndexSql));
});

test("the changes' migration creates exactly the table and the index per metric metric-changes.ts writes", async () => {
  const text = await readFile(
    path.join(MIGRATIONS_DIR, "20261209000000_metric_changes", "migration.sql"),
    "utf8",
  );
  expect(text.match(/^CREATE (TABLE|INDEX)[\s\S]*?;$/gm)).toEqual([
    changeTableSql(),
    ...METRICS.map(changeIndexSql),
  ]);
});

/** The plan of the first statement getAgencyRanking sends, with the table's other ways in switched off. */
async function planOfPage(options: {
  metric: (typeof METRICS)[number];
  sort: SortKey;
  kinds: ["部门"] | null;
  minN?: number;
}): Promise<PlanNode[]> {
  const captured: Prisma.Sql[] = [];
  const db = new Proxy(t.db, {
    get(target, key, receiver) {
      if (key !== "$queryRaw") return Reflect.get(target, key, receiver);
      return (strings: TemplateStringsArray, ...values: unknown[]) => {
        captured.push(Prisma.sql(strings, ...values));
        return target.$queryRaw(strings, ...values);
      };
    },
  });
  await getAgencyRanking({
    db,
    year: 2024,
    scope: { regionPath: null, kinds: options.kinds },
    metric: options.metric,
    minN: options.minN ?? 10,
    sort: options.sort,
  });
  const page = captured[0]!;
  // An empty test table is cheapest to read whole: without these the plan says nothing about the index.
  const plan = await t.db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL enable_seqscan = off`);
    await tx.$executeRawUnsafe(`SET LOCAL enable_bitmapscan = off`);
    return tx.$queryRawUnsafe<unknown[]>(`EXPLAIN (FORMAT JSON) ${page.text}`, ...page.values);
  });
  return nodesOf((plan[0] as { "QUERY PLAN": [{ Plan: PlanNode }] })["QUERY PLAN"][0].Plan);
}

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Sort Key"?: string[];
  Plans?: PlanNode[];
}

function nodesOf(node: PlanNode): PlanNode[] {
  return [node, ...(node.Plans ?? []).flatMap(nodesOf)];
}

test("each metric's national page, by value and by change, reads its index", async () => {
  for (const metric of METRICS) {
    for (const kinds of [null, ["部门"] as ["部门"]]) {
      const index = rankingIndexName(metric);
      // By value: the page walks the index in its order — an Index Scan (the rows' regions are read from
      // the table) and no sort of the read model's rows (only the page's 50, by the outer query).
      const byValue = await planOfPage({ metric, sort: "value_desc", kinds });
      expect({
        metric: metric.id,
        kinds,
        walksIndex: byValue.some((n) => n["Node Type"] === "Index Scan" && n["Index Name"] === index),
        sortsRows: byValue.some((n) => (n["Sort Key"] ?? []).some((key) => key.includes("m."))),
      }).toEqual({ metric: metric.id, kinds, walksIndex: true, sortsRows: false });
      // By change: the kept changes' index in its order (a larger minimum n a filter on it; a count's at
      // any minimum n), no full sort of its rows (ascending: sorted by agency within equal changes), and the
      // value index not read for the page. A rate below the kept changes' minimum n is not served by them.
      for (const minN of [4, 10, 25]) {
        for (const sort of ["change_desc", "change_asc"] as const) {
          const byChange = await planOfPage({ metric, sort, kinds, minN });
          const served = metric.kind === "count" || minN >= 10;
          expect({
            metric: metric.id,
            kinds,
            minN,
            sort,
            walksChanges: byChange.some(
              (n) => /Index (Only )?Scan/.test(n["Node Type"]) && n["Index Name"] === changeIndexName(metric),
            ),
            readsValueIndex: byChange.some((n) => n["Index Name"] === index),
            sortsRows: byChange.some(
              (n) => n["Node Type"] === "Sort" && (n["Sort Key"] ?? []).some((key) => key.includes("c.")),
            ),
          }).toEqual({
            metric: metric.id,
            kinds,
            minN,
            sort,
            walksChanges: served,
            readsValueIndex: false,
            sortsRows: false,
          });
        }
      }
    }
  }
});
