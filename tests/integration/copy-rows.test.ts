// COPY … FROM STDIN as the bulk path streams it (lib/db/copy-rows.ts): every row lands, however many chunks
// wait for the socket to drain; chunks that fail half-way abandon the COPY with their own error, and rows the
// server refuses reject it with the server's — nothing lands, and the connection takes the next statement.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type pg from "pg";
import { getPool } from "@/lib/db/create-client";
import { copyRows, copyText } from "@/lib/db/copy-rows";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/test-db";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});

afterAll(async () => {
  await t?.drop();
});

const TARGET = { table: '"copy_probe"', columns: ['"n"', '"label"'] };

/** `work` on a connection of its own with an empty temporary copy_probe table; the connection is released after. */
async function withProbe<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await getPool(t.db).connect();
  try {
    await client.query(`CREATE TEMP TABLE IF NOT EXISTS "copy_probe" ("n" int PRIMARY KEY, "label" text)`);
    await client.query(`TRUNCATE "copy_probe"`);
    return await work(client);
  } finally {
    client.release();
  }
}

const count = async (client: pg.PoolClient) =>
  Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "copy_probe"`)).rows[0]!.n);

describe("copyText", () => {
  test("lands every row of many chunks, more than the stream buffers at once", async () => {
    const rows = 60_000;
    await withProbe(async (client) => {
      // ≈ 2 MB in chunks of ≈ 64 KB, text and UTF-8 bytes mixed: the writes wait for the socket to drain.
      function* chunks() {
        let chunk = "";
        for (let n = 1; n <= rows; n += 1) {
          chunk += `${n}\t公开年报第${n}行 \\\\ tab\\there\n`;
          if (chunk.length >= 16_000) {
            yield n % 2 === 0 ? chunk : Buffer.from(chunk, "utf8");
            chunk = "";
          }
        }
        if (chunk) yield chunk;
      }
      await copyText(client, TARGET, chunks());
      expect(await count(client)).toBe(rows);
      const { rows: sample } = await client.query<{ label: string }>(
        `SELECT "label" FROM "copy_probe" WHERE "n" IN (1, 59999) ORDER BY "n"`,
      );
      expect(sample.map((row) => row.label)).toEqual([
        "公开年报第1行 \\ tab\there",
        "公开年报第59999行 \\ tab\there",
      ]);
    });
  });

  test("chunks that throw half-way abandon the COPY with their own error; nothing lands", async () => {
    await withProbe(async (client) => {
      const broken = new Error("the generator broke");
      function* chunks() {
        for (let n = 1; n <= 20_000; n += 1) {
          if (n === 15_000) throw broken;
          yield `${n}\tx\n`;
        }
      }
      await client.query("BEGIN");
      await expect(copyText(client, TARGET, chunks())).rejects.toBe(broken);
      await client.query("ROLLBACK");
      expect(await count(client)).toBe(0);
      // The connection goes on.
      await copyRows(client, TARGET, [[1, "after"]]);
      expect(await count(client)).toBe(1);
    });
  });

  test("rows the server refuses reject with its error; nothing lands", async () => {
    await withProbe(async (client) => {
      await client.query("BEGIN");
      await expect(copyText(client, TARGET, ["1\ta\n", "not a number\tb\n"])).rejects.toMatchObject({
        code: "22P02",
      });
      await client.query("ROLLBACK");
      expect(await count(client)).toBe(0);
      await expect(copyText(client, TARGET, ["1\ta\n", "1\tb\n"])).rejects.toMatchObject({ code: "23505" });
      expect(await count(client)).toBe(0);
      await copyText(client, TARGET, []);
      expect(await count(client)).toBe(0);
    });
  });
});
