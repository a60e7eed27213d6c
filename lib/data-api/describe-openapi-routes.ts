// The OpenAPI document's routes in words for the API page: method, path, summary, description and each
// parameter's accepted values (an enum's values, a pattern, a range, a list), in the document's order.
type Schema = {
  type?: string;
  enum?: unknown[];
  pattern?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  maxLength?: number;
  maxItems?: number;
  default?: unknown;
  items?: Schema;
};
type Parameter = { name: string; in: string; schema?: Schema; description?: string };
type Operation = { summary?: string; description?: string; parameters?: Parameter[] };

export interface RouteDescription {
  method: string;
  path: string;
  summary: string;
  description: string;
  parameters: Array<{ name: string; in: string; values: string }>;
}

export function describeOpenApiRoutes(document: { paths?: Record<string, unknown> }): RouteDescription[] {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
      method: method.toUpperCase(),
      path,
      summary: operation.summary ?? "",
      description: operation.description ?? "",
      parameters: (operation.parameters ?? []).map((parameter) => ({
        name: parameter.name,
        in: parameter.in,
        values: describeSchema(parameter.schema),
      })),
    })),
  );
}

function describeSchema(schema: Schema | undefined): string {
  if (!schema) return "";
  if (schema.type === "array" && schema.items) {
    return `逗号分隔的列表（至多 ${schema.maxItems ?? "若干"} 项），每项：${describeSchema(schema.items)}`;
  }
  const parts: string[] = [];
  if (schema.enum) parts.push(schema.enum.join(" | "));
  else if (schema.pattern) parts.push(`格式 ${schema.pattern}`);
  else if (schema.type === "integer" || schema.type === "number") {
    const min =
      schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + 1 : null);
    parts.push(
      `整数${min !== null || schema.maximum !== undefined ? ` ${min ?? ""}–${schema.maximum ?? ""}` : ""}`,
    );
  } else if (schema.type === "string")
    parts.push(`文本${schema.maxLength ? `（至多 ${schema.maxLength} 字）` : ""}`);
  if (schema.default !== undefined) parts.push(`默认 ${String(schema.default)}`);
  return parts.join("，");
}
