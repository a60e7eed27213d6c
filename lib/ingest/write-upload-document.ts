// An upload's agency and Document row in one round trip (build-upload-function.ts): what upsertAgencies and
// the Document INSERT of storeDocuments write for one document, the same rows, and the agency's lock taken
// with the row when it becomes a report.
//   const { agencies, documentId } = await writeUploadDocument(client, { document, lockAgency });
import { rawSql, runQuery, sql, type SqlClient } from "@/lib/db/sql";
import { getUploadFunctions } from "@/lib/ingest/build-upload-function";
import type { PreparedDocument } from "@/lib/ingest/prepare-document";
import { hasSummaryFunction } from "@/lib/ingest/refresh-region-summaries";
import { documentColumns, typedDocumentArrays } from "@/lib/ingest/store-documents";
import { planAgencies, type AgencyRef } from "@/lib/ingest/upsert-agencies";

/** Whether this database has the function (a database not migrated by this version yet has not). */
export function canWriteUploadDocument(client: SqlClient): Promise<boolean> {
  return hasSummaryFunction(client, getUploadFunctions().document.signature);
}

export async function writeUploadDocument(
  client: SqlClient,
  input: { document: PreparedDocument; lockAgency: boolean },
): Promise<{
  byName: Map<string, AgencyRef>;
  regionFilled: number[];
  updated: number[];
  /** The document's id; null when the same bytes were stored already. */
  documentId: number | null;
}> {
  const { document } = input;
  const plan = planAgencies(
    document.agency && document.regionCodes ? [{ info: document.agency, codes: document.regionCodes }] : [],
  );
  const chain = plan.chains[0] ?? [];
  const { parents, agencies, aliases } = plan;
  const [result] = await runQuery<{
    written: {
      agencies: (AgencyRef & { name: string })[];
      regionFilled: number[];
      updated: number[];
      documents: { id: number; sha256: string }[];
    };
  }>(
    client,
    sql`SELECT ${rawSql(`"${getUploadFunctions().document.name}"`)}(
          ${chain.map((link) => link.code)}::text[], ${chain.map((link) => link.name)}::text[],
          ${chain.map((link) => link.level)}::text[],
          ${parents.names}::text[], ${parents.kinds}::text[], ${parents.regionCodes}::text[],
          ${agencies.names}::text[], ${agencies.kinds}::text[], ${agencies.regionCodes}::text[],
          ${agencies.parents}::text[], ${aliases.aliasAgencies}::text[], ${aliases.aliases}::text[],
          ${typedDocumentArrays(documentColumns([document], [null]))}, ${input.lockAgency}::boolean) AS "written"`,
  );
  const { written } = result!;
  return {
    byName: new Map(written.agencies.map(({ name, ...ref }) => [name, ref])),
    regionFilled: written.regionFilled,
    updated: written.updated,
    documentId: written.documents[0]?.id ?? null,
  };
}
