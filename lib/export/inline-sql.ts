// COPY (query) TO STDOUT takes no bind parameters, so an export query's values are written into its text
// as literals — strings through pg's own escapeLiteral (E'' with doubled quotes and backslashes), numbers
// only when finite and in parentheses (so `x - $1` with -5 never becomes the comment `x--5`), arrays as
// ARRAY[…] (the query's casts give them their type, also when empty). Anything else is refused.
import pg from "pg";
import type { Prisma } from "@/lib/generated/prisma/client";

export function inlineSql(query: Prisma.Sql): string {
  const values = query.values;
  return query.text.replace(/\$(\d+)/g, (_, index: string) => {
    const position = Number(index) - 1;
    if (position < 0 || position >= values.length) throw new Error(`no value for $${index}`);
    return toLiteral(values[position]);
  });
}

function toLiteral(value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error("a query value is not a finite number");
    return `(${String(value)})`;
  }
  if (typeof value === "bigint") return `(${value.toString()})`;
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "string") return pg.escapeLiteral(value);
  if (Array.isArray(value)) return `ARRAY[${value.map(toLiteral).join(", ")}]`;
  throw new Error(`cannot write a ${typeof value} into an export query`);
}
