// The text of one HTML element as a reader sees it: hidden parts and page chrome left out, whitespace
// collapsed, its lines (br, paragraphs) joined without gluing two numbers together.

/** The subset of the DOM (domhandler) nodes the walk needs. */
export interface DomNode {
  type: string;
  name?: string;
  data?: string;
  attribs?: Record<string, string>;
  children?: DomNode[];
}

export const SKIPPED = new Set(
  "head script style noscript template svg math iframe object embed select button input textarea nav link meta".split(
    " ",
  ),
);
export const BLOCKS = new Set(
  (
    "address article aside blockquote body caption center dd details dialog div dl dt fieldset figcaption figure " +
    "footer form h1 h2 h3 h4 h5 h6 header hr html li main ol p pre section summary table tbody td th thead tfoot tr ul"
  ).split(" "),
);

/** A cell's text: its lines (br, paragraphs) joined; a space only where joining would glue two numbers or words. */
export function readCellText(cell: DomNode): string {
  const lines: string[] = [];
  const pieces: string[] = [];
  const flush = () => {
    const line = joinPieces(pieces);
    pieces.length = 0;
    if (line !== "") lines.push(line);
  };
  const walk = (node: DomNode) => {
    if (node.type === "text") return void pieces.push(node.data ?? "");
    if (node.type !== "tag" || SKIPPED.has(node.name ?? "") || isHidden(node)) return;
    if (node.name === "br") return flush();
    const block = BLOCKS.has(node.name ?? "");
    if (block) flush();
    node.children?.forEach(walk);
    if (block) flush();
  };
  cell.children?.forEach(walk);
  flush();
  return lines.reduce((text, line) => (text === "" ? line : text + joiner(text, line) + line), "");
}

export function joinPieces(pieces: string[]): string {
  return pieces
    .join("")
    .replace(/[\s\u00a0\u3000]+/g, " ")
    .trim();
}

function joiner(before: string, after: string): string {
  return /[A-Za-z0-9.,%]$/.test(before) && /^[A-Za-z0-9.,%+-]/.test(after) ? " " : "";
}

/** Invisible to the reader of the page: display:none, the hidden attribute, Word's zero-height spacer rows. */
export function isHidden(node: DomNode): boolean {
  const attribs = node.attribs ?? {};
  return (
    "hidden" in attribs ||
    /display\s*:\s*none/i.test(attribs.style ?? "") ||
    (node.name === "tr" && attribs.height === "0")
  );
}

export function childElements(node: DomNode): DomNode[] {
  return (node.children ?? []).filter((child) => child.type === "tag");
}
