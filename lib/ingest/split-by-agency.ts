// A batch of prepared documents in two halves that share no agency name — neither an agency's nor a parent
// government's (the names a batch inserts agencies by: upsertAgencies) — for two transactions at once
// (bulk-writer.ts): halves that shared one would wait for each other, on the agency's lock or on the new
// row's unique name, and run one after the other. Documents linked by a name, directly or through others,
// stay together, each half in the batch's order (an agency's versions keep theirs).
//   const [first, second] = splitByAgency(documents);   // indexes into documents; second may be empty
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { parentGovernmentName } from "@/lib/ingest/upsert-agencies";

type WithAgency = Pick<PreparedDocument, "agency">;

/** The documents' indexes in two halves of about half the documents each, whole groups (agencyGroups) in each. */
export function splitByAgency(documents: readonly WithAgency[]): [number[], number[]] {
  const first: number[] = [];
  const second: number[] = [];
  for (const group of agencyGroups(documents))
    (first.length < documents.length / 2 ? first : second).push(...group);
  return [first.sort((a, b) => a - b), second.sort((a, b) => a - b)];
}

/** The documents' indexes in groups that share no name with one another, in order of their first document. */
function agencyGroups(documents: readonly WithAgency[]): number[][] {
  // Union-find over the documents: each name joins the documents that carry it.
  const parent = documents.map((_, index) => index);
  const root = (index: number): number => {
    while (parent[index] !== index) index = parent[index] = parent[parent[index]!]!;
    return index;
  };
  const firstWithName = new Map<string, number>();
  documents.forEach((document, index) => {
    for (const name of agencyNames(document)) {
      const other = firstWithName.get(name);
      if (other === undefined) firstWithName.set(name, index);
      else parent[root(index)] = root(other);
    }
  });
  const groups = new Map<number, number[]>();
  documents.forEach((_, index) => {
    const group = groups.get(root(index));
    if (group) group.push(index);
    else groups.set(root(index), [index]);
  });
  return [...groups.values()];
}

/** The names a document's batch inserts agencies by (upsertAgencies): its agency's, its parent government's. */
export function agencyNames(document: WithAgency): string[] {
  const agency = document.agency;
  if (!agency) return [];
  const parent = parentGovernmentName(agency);
  return parent ? [agency.name, parent] : [agency.name];
}
