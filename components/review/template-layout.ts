// Tables 二, 三 and 四 of a template version laid out as the template prints them, from the cell catalogue
// (CellDefinition: table, row path, column label): table 二 as its blocks (第二十条第（一）项 …) each with
// its own columns; table 三 as its rows — group headings included, indented — under the applicant columns
// (自然人 | 法人或其他组织 ×5 | 总计); table 四 as one row under 行政复议 | 行政诉讼 (未经复议 | 复议后).
import { CELL_DEFINITIONS, type CellDefinition } from "@/lib/ingest/cell-numbers";
import type { TemplateVersion } from "@/lib/reader/types";

export interface LayoutRow {
  label: string;
  depth: number;
  /** Cell ids per column; null where the row has no cell in that column; [] for a heading row. */
  cells: (string | null)[];
}

export interface LayoutBlock {
  caption: string | null;
  /** Spanning header cells above the columns (empty when there is one header row). */
  groups: { label: string; span: number }[];
  columns: string[];
  rows: LayoutRow[];
}

export interface LayoutTable {
  no: 2 | 3 | 4;
  title: string;
  blocks: LayoutBlock[];
}

export function layoutTemplate(template: TemplateVersion): LayoutTable[] {
  const cells = CELL_DEFINITIONS.filter((cell) => cell.versions.includes(template));
  const of = (no: number) => cells.filter((cell) => cell.tableNo === no);
  return [
    { no: 2, title: of(2)[0]!.tableLabel, blocks: layoutTableTwo(of(2), template) },
    { no: 3, title: of(3)[0]!.tableLabel, blocks: [layoutTableThree(of(3))] },
    { no: 4, title: of(4)[0]!.tableLabel, blocks: [layoutTableFour(of(4))] },
  ];
}

/** "本年处理决定数量 / 处理决定数量": the catalogue names a shared cell's column per version. */
function columnLabel(cell: CellDefinition, template: TemplateVersion): string {
  const parts = cell.columnLabel.split(" / ");
  return parts.length === 2 ? parts[template === "2021" ? 0 : 1]! : cell.columnLabel;
}

function layoutTableTwo(cells: readonly CellDefinition[], template: TemplateVersion): LayoutBlock[] {
  const blocks = new Map<string, CellDefinition[]>();
  for (const cell of cells) blocks.set(cell.rowPath[0]!, [...(blocks.get(cell.rowPath[0]!) ?? []), cell]);
  return [...blocks].map(([caption, members]) => {
    // The 2019 template prints 处理决定数量 after the item counts (the catalogue lists it first).
    const columns = [...new Set(members.map((cell) => columnLabel(cell, template)))].sort(
      (a, b) => Number(a === "处理决定数量") - Number(b === "处理决定数量"),
    );
    const rows = [...new Set(members.map((cell) => cell.rowPath.slice(1).join(" ")))].map((label) => ({
      label,
      depth: 0,
      cells: columns.map(
        (column) =>
          members.find(
            (cell) => cell.rowPath.slice(1).join(" ") === label && columnLabel(cell, template) === column,
          )?.cellId ?? null,
      ),
    }));
    return { caption, groups: [], columns, rows };
  });
}

function layoutTableThree(cells: readonly CellDefinition[]): LayoutBlock {
  const columns = [...new Set(cells.map((cell) => cell.columnLabel))];
  const rows: LayoutRow[] = [];
  const seenHeadings = new Set<string>();
  const paths = [...new Set(cells.map((cell) => cell.rowPath.join("\u0000")))].map((key) =>
    key.split("\u0000"),
  );
  for (const path of paths) {
    // The group headings above a row (三、本年度办理结果, （三）不予公开), once each, where they first apply.
    for (let depth = 0; depth < path.length - 1; depth++) {
      const key = path.slice(0, depth + 1).join("\u0000");
      if (seenHeadings.has(key) || paths.some((other) => other.join("\u0000") === key)) continue;
      seenHeadings.add(key);
      rows.push({ label: path[depth]!, depth, cells: [] });
    }
    rows.push({
      label: path.at(-1)!,
      depth: path.length - 1,
      cells: columns.map((column) => {
        const cell = cells.find(
          (c) => c.rowPath.join("\u0000") === path.join("\u0000") && c.columnLabel === column,
        );
        return cell?.cellId ?? null;
      }),
    });
  }
  const groups = [
    { label: "自然人", span: 1 },
    {
      label: "法人或其他组织",
      span: columns.filter((column) => column.startsWith("法人或其他组织/")).length,
    },
    { label: "总计", span: 1 },
  ];
  return {
    caption: null,
    groups,
    columns: columns.map((column) => column.replace(/^法人或其他组织\//, "")),
    rows,
  };
}

function layoutTableFour(cells: readonly CellDefinition[]): LayoutBlock {
  const groups = [...new Set(cells.map((cell) => cell.rowPath.join(" · ")))].map((label) => ({
    label,
    span: cells.filter((cell) => cell.rowPath.join(" · ") === label).length,
  }));
  return {
    caption: null,
    groups,
    columns: cells.map((cell) => cell.columnLabel),
    rows: [{ label: "件数", depth: 0, cells: cells.map((cell) => cell.cellId) }],
  };
}
