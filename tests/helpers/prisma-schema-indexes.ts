// The indexes prisma/schema/*.prisma declares, named as Prisma names them (Table_pkey, Table_col_key,
// Table_col_idx, or `map:`), with their columns and whether they are partial (`where:`) — for the test that
// the migrated database has exactly these indexes. A small reader of our own schema's notation, not a
// general Prisma parser: @id / @unique on a field, @@id / @@unique / @@index with optional map and where.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface DeclaredIndex {
  table: string;
  name: string;
  columns: string[];
  unique: boolean;
  partial: boolean;
}

const SCHEMA_DIR = path.join(process.cwd(), "prisma", "schema");

export function listDeclaredIndexes(dir: string = SCHEMA_DIR): DeclaredIndex[] {
  const text = readdirSync(dir)
    .filter((name) => name.endsWith(".prisma"))
    .map((name) => readFileSync(path.join(dir, name), "utf8"))
    .join("\n");
  const indexes: DeclaredIndex[] = [];
  for (const [, table, body] of text.matchAll(/^model (\w+) \{\n([\s\S]*?)^\}/gm)) {
    for (const line of body!.split("\n").map((l) => l.replace(/\/\/.*$/, "").trim())) {
      const field = /^(\w+)\s+\S+.*?(@id|@unique)\b/.exec(line);
      if (field && !line.startsWith("@@")) {
        const unique = field[2] === "@id" || field[2] === "@unique";
        const name = field[2] === "@id" ? `${table}_pkey` : `${table}_${field[1]}_key`;
        indexes.push({ table: table!, name, columns: [field[1]!], unique, partial: false });
        if (field[2] === "@id" && /@unique\b/.test(line))
          indexes.push({
            table: table!,
            name: `${table}_${field[1]}_key`,
            columns: [field[1]!],
            unique,
            partial: false,
          });
        continue;
      }
      const block = /^@@(id|unique|index)\(\[([^\]]*)\](.*)\)$/.exec(line);
      if (!block) continue;
      const [, kind, list, rest] = block;
      const columns = list!.split(",").map((c) => c.trim().replace(/\(.*$/, ""));
      const map = /map:\s*"([^"]+)"/.exec(rest!)?.[1];
      const suffix = kind === "id" ? "pkey" : kind === "unique" ? "key" : "idx";
      const name = kind === "id" ? `${table}_pkey` : (map ?? `${table}_${columns.join("_")}_${suffix}`);
      indexes.push({ table: table!, name, columns, unique: kind !== "index", partial: /where:/.test(rest!) });
    }
  }
  return indexes;
}
