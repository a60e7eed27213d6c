// Prints the INSERT of CellDefinition rows for spec/cells.json (lib/reader/template/cells.json), numbered in
// catalogue order from 1. Used to write a migration when the catalogue grows: new cells are appended to
// cells.json and get the next numbers; a number, once given, never changes (cell rows store it).
//   npx tsx scripts/print-cell-definitions.ts [--from <first cellNo>]
// tests/integration/cell-definitions.test.ts checks that the migrated table equals the catalogue.
import { CELL_DEFINITIONS } from "@/lib/ingest/cell-numbers";

const fromIndex = process.argv.indexOf("--from");
const first = fromIndex >= 0 ? Number(process.argv[fromIndex + 1]) : 1;

const literal = (text: string) => `'${text.replaceAll("'", "''")}'`;
const array = (items: readonly string[]) => `ARRAY[${items.map(literal).join(", ")}]::TEXT[]`;

const rows = CELL_DEFINITIONS.filter((cell) => cell.cellNo >= first).map(
  (cell) =>
    `  (${cell.cellNo}, ${literal(cell.cellId)}, ${cell.tableNo}, ${literal(cell.tableLabel)}, ` +
    `${array(cell.rowPath)}, ${literal(cell.columnLabel)}, ${literal(cell.unit)}, ${array(cell.versions)})`,
);
console.log(
  `INSERT INTO "CellDefinition" ("cellNo", "cellId", "tableNo", "tableLabel", "rowPath", "columnLabel", "unit", "versions") VALUES\n` +
    `${rows.join(",\n")};`,
);
