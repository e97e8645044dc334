// The import operation of the API's OpenAPI document (openapi.ts): POST
// /api/v1/imports, its body (one CSV or XLSX file), its query (apply, centre),
// its refusals (413, 415 beside the API's own) and the report it answers.
type Schema = Record<string, unknown>;

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: ref("Problem") } },
});

export function importOperation(
  refusals: Readonly<Record<string, unknown>>,
  media: { csv: string; xlsx: string; maxBytes: number },
): Schema {
  const file = { type: "string", contentMediaType: "application/octet-stream" };
  return {
    post: {
      summary: "Import cases",
      description:
        "One file, exactly what the /imports page reads: the cases table of the wide export (cases.csv, or the " +
        "workbook with its block sheets) or REDCap's import format. A dry run unless apply=true: every row and " +
        "field is reported as created (or would be), refused (hard limits, unknown codes, identifiers, key) or " +
        "flagged (soft limits), with message keys, parameters and the sentence in the caller's language. " +
        "Applied, the valid rows are created as drafts of the centre, each value audited with the import (and " +
        `this token) as its source. At most ${media.maxBytes / (1024 * 1024)} MB.`,
      operationId: "importCases",
      security: [{ bearerAuth: ["imports:write"] }],
      parameters: [
        {
          name: "apply",
          in: "query",
          description: "true: create the valid rows. Absent or false: dry run, nothing written.",
          schema: { enum: ["true", "false"], default: "false" },
        },
        {
          name: "centre",
          in: "query",
          description:
            "The centre of the new cases: required for coordinators; a centre-bound owner imports into their own.",
          schema: { type: "string", pattern: "^[A-Za-z]{3}$" },
        },
      ],
      requestBody: {
        required: true,
        content: { [media.csv]: { schema: { type: "string" } }, [media.xlsx]: { schema: file } },
      },
      responses: {
        "200": { description: "The report", content: { "application/json": { schema: ref("ImportReport") } } },
        ...refusals,
        "400": problem(
          "Bad parameter (apply, centre), a token in the address, or a file that cannot be read as an import " +
            "(no cases table, unreadable workbook, a workbook that inflates past 64 MB); `field` names the parameter or `body`.",
        ),
        "413": problem(`The file is larger than ${media.maxBytes} bytes.`),
        "415": problem(`Content-Type is neither ${media.csv} nor ${media.xlsx}.`),
      },
    },
  };
}

const message: Schema = {
  type: "object",
  required: ["key", "params", "text"],
  properties: {
    key: { type: "string", description: "Stable message key, e.g. import.unknownCode." },
    params: { type: "object", description: "The key's parameters (labels in both languages as {fr, en})." },
    text: { type: "string", description: "The sentence in the caller's language." },
  },
};

export function importSchemas(): Record<string, Schema> {
  return {
    ImportMessage: message,
    ImportReport: {
      type: "object",
      required: ["applied", "centre", "summary", "rows", "created"],
      properties: {
        applied: { type: "boolean", description: "false: a dry run, nothing was written." },
        centre: { type: ["string", "null"] },
        summary: {
          type: "object",
          properties: {
            rows: { type: "integer" },
            created: { type: "integer", description: "Rows created (or that would be, in a dry run)." },
            refused: { type: "integer" },
            flaggedFields: { type: "integer" },
          },
        },
        rows: {
          type: "array",
          items: {
            type: "object",
            required: ["row", "outcome", "errors", "fields"],
            properties: {
              row: { type: "integer", description: "1-based data row of the cases table." },
              sourceId: { type: "string", description: "The file's record_id." },
              initials: { type: "string" },
              birthDate: { type: "string" },
              outcome: { enum: ["created", "refused"] },
              errors: { type: "array", items: ref("ImportMessage"), description: "Refusals of the row (key)." },
              fields: {
                type: "array",
                items: {
                  type: "object",
                  required: ["path", "outcome", "messages"],
                  properties: {
                    path: { type: "string" },
                    outcome: { enum: ["created", "refused", "flagged"] },
                    messages: { type: "array", items: ref("ImportMessage") },
                  },
                },
              },
            },
          },
        },
        created: {
          type: "array",
          description: "The cases created (applied runs only).",
          items: {
            type: "object",
            required: ["row", "id"],
            properties: { row: { type: "integer" }, sourceId: { type: "string" }, id: { type: "string" } },
          },
        },
      },
    },
  };
}
