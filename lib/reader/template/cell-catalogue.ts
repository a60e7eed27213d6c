// The canonical cells (cells.json, the one copy the project uses): ids per template version and their names
// in words for messages.
import type { TemplateVersion } from "@/lib/reader/types";
import catalogue from "./cells.json";

export interface CellSpec {
  id: string;
  versions: TemplateVersion[];
  table: string;
  row_path: string[];
  column: string;
  unit: string;
  note?: string;
}

export const CELLS: readonly CellSpec[] = catalogue.cells as CellSpec[];

const IDS_BY_VERSION: Record<TemplateVersion, readonly string[]> = {
  "2019": CELLS.filter((cell) => cell.versions.includes("2019")).map((cell) => cell.id),
  "2021": CELLS.filter((cell) => cell.versions.includes("2021")).map((cell) => cell.id),
};

const SPEC_BY_ID = new Map(CELLS.map((cell) => [cell.id, cell]));

/** Every cell id the given template version prints, in catalogue order. */
export function listCellIds(template: TemplateVersion): readonly string[] {
  return IDS_BY_VERSION[template];
}

type CellRecordBuilder = (values: ReadonlyMap<string, number | null>) => Record<string, number | null>;

const RECORD_BUILDERS = new Map<TemplateVersion, CellRecordBuilder>();

/**
 * Every cell of the template, in catalogue order, as a record: its value in `values`, else null. Built by an
 * object literal compiled once per template from the catalogue's ids (no input reaches it): a record filled key by
 * key is kept by V8 as a dictionary once it passes a dozen keys — slower to build, and JSON.stringify's slow path
 * in the parse command — while a literal of a few hundred keys is an ordinary object.
 */
export function buildCellRecord(
  template: TemplateVersion,
  values: ReadonlyMap<string, number | null>,
): Record<string, number | null> {
  let build = RECORD_BUILDERS.get(template);
  if (!build) {
    const fields = listCellIds(template).map(
      (id) => `${JSON.stringify(id)}: values.get(${JSON.stringify(id)}) ?? null`,
    );
    build = new Function("values", `return {${fields.join(",")}};`) as CellRecordBuilder;
    RECORD_BUILDERS.set(template, build);
  }
  return build(values);
}

const TABLE_NAMES: Record<string, string> = { t2: "表二", t3: "表三", t4: "表四" };

/** “表三 （三）不予公开 / 2.其他法律行政法规禁止公开 · 社会公益组织” — a cell named in words for staff. */
export function describeCell(id: string): string {
  const spec = SPEC_BY_ID.get(id);
  if (!spec) return id;
  const table = TABLE_NAMES[id.slice(0, 2)] ?? "";
  const row = spec.row_path.filter((part) => !part.startsWith("第二十条") || spec.row_path.length === 1);
  const column = spec.column.split(" / ")[0]?.replace(/^法人或其他组织\//, "") ?? spec.column;
  return `${table} ${row.join(" / ")} · ${column}`;
}

/** A row (cell id without its column) named in words, e.g. “表三 （二）部分公开”. */
const ROW_NAMES = new Map<string, string>();

export function describeRow(rowKey: string, template: TemplateVersion): string {
  const key = `${template}:${rowKey}`;
  const known = ROW_NAMES.get(key);
  if (known !== undefined) return known;
  const name = nameRow(rowKey, template);
  ROW_NAMES.set(key, name);
  return name;
}

function nameRow(rowKey: string, template: TemplateVersion): string {
  if (rowKey === "t4") return "表四（行政复议、行政诉讼）";
  const first = CELLS.find((cell) => cell.id.startsWith(`${rowKey}.`) && cell.versions.includes(template));
  if (!first) return rowKey;
  const table = TABLE_NAMES[rowKey.slice(0, 2)] ?? "";
  const path = first.row_path.map((part) => part.replace(/（区分处理的.*$/, ""));
  return `${table} ${path.join(" / ")}`;
}
