// The API's OpenAPI 3.1 document: valid for a maintained 3.1 validator, and
// true to the code — every route folder under src/app/api/v1 is described and
// nothing else is, each protected operation names its scope and refusals, and
// the row schemas carry the export's column names.
import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { API_PATHS, openApiDocument } from "@/domain/api/openapi";
import {
  API_SCOPES,
  CSV_MEDIA_TYPE,
  parsePaging,
  PAGE_SIZE_DEFAULT,
  PAGE_SIZE_MAX,
  XLSX_MEDIA_TYPE,
} from "@/domain/api/policy";
import { BLOCKS } from "@/domain/crf/definition";
import { blockColumns, caseColumns } from "@/domain/export/columns";
import { DEFAULT_OPTIONS } from "@/domain/export/options";
import { langOf } from "@/server/api/problem.server";

type Operation = { security: Record<string, string[]>[]; responses: Record<string, unknown> };
type Doc = {
  openapi: string;
  paths: Record<string, { get: Operation; post?: Operation }>;
  components: { schemas: Record<string, { properties: Record<string, unknown> }> };
};

const doc = openApiDocument("1.0.0") as unknown as Doc;

function routes(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return routes(path);
    return name === "route.ts" ? [path] : [];
  });
}

describe("OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc) as unknown as Record<string, unknown>);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    // The validator does refuse a broken document (a response without its required description).
    const broken = structuredClone(doc);
    broken.paths["/api/v1/cases"]!.get.responses["200"] = { content: {} };
    expect((await new Validator().validate(broken as unknown as Record<string, unknown>)).valid).toBe(false);
  });

  it("describes exactly the routes under src/app/api/v1", () => {
    const root = join(process.cwd(), "src/app");
    const served = routes(join(root, "api/v1"))
      .map((file) => `/${relative(root, file).split(sep).slice(0, -1).join("/")}`.replace(/\[(\w+)\]/g, "{$1}"))
      .sort();
    expect(served).toEqual([...API_PATHS].sort());
    expect(Object.keys(doc.paths).sort()).toEqual([...API_PATHS].sort());
  });

  it("names the scope and the refusals of every protected operation", () => {
    for (const [path, item] of Object.entries(doc.paths)) {
      // The import is the one operation that takes a body: a POST, refusing too large (413) and wrong types (415).
      const op = path === "/api/v1/imports" ? item.post! : item.get;
      expect(Object.keys(item), path).toEqual([path === "/api/v1/imports" ? "post" : "get"]);
      const scopes = op.security.flatMap((s) => s.bearerAuth ?? []);
      if (path === "/api/v1/openapi.json") {
        expect(scopes).toEqual([]);
        continue;
      }
      expect(scopes.length, path).toBe(1);
      expect(API_SCOPES, path).toContain(scopes[0]);
      const extra = path === "/api/v1/imports" ? ["413", "415"] : [];
      expect(Object.keys(op.responses).sort(), path).toEqual(["200", "400", "401", "403", ...extra, "429"].sort());
    }
  });

  it("describes the import's body as a CSV or XLSX file and its scope as imports:write", () => {
    const op = doc.paths["/api/v1/imports"]!.post as Operation & { requestBody: { content: Record<string, unknown> } };
    expect(Object.keys(op.requestBody.content).sort()).toEqual([CSV_MEDIA_TYPE, XLSX_MEDIA_TYPE].sort());
    expect(op.security).toEqual([{ bearerAuth: ["imports:write"] }]);
    expect(API_SCOPES).toContain("imports:write");
  });

  it("describes the rows with the export's column names", () => {
    const schemas = doc.components.schemas;
    expect(Object.keys(schemas.CaseRow!.properties)).toEqual(caseColumns(DEFAULT_OPTIONS).map((c) => c.name));
    for (const b of BLOCKS)
      expect(Object.keys(schemas[`BlockRow_${b.id}`]!.properties)).toEqual(blockColumns(b.id).map((c) => c.name));
  });
});

describe("API paging and language", () => {
  it("accepts whole numbers in bounds only", () => {
    expect(parsePaging(null, null)).toEqual({ ok: true, page: 1, pageSize: PAGE_SIZE_DEFAULT });
    expect(parsePaging("3", String(PAGE_SIZE_MAX))).toEqual({ ok: true, page: 3, pageSize: PAGE_SIZE_MAX });
    for (const page of ["0", "-1", "1.0", "1e3", " 2", "", "9999999999"])
      expect(parsePaging(page, null), page).toEqual({ ok: false, field: "page" });
    for (const size of ["0", String(PAGE_SIZE_MAX + 1), "x", ""])
      expect(parsePaging("1", size), size).toEqual({ ok: false, field: "pageSize" });
  });

  it("answers in English only when English is preferred to French", () => {
    expect(langOf(null)).toBe("fr");
    expect(langOf("en")).toBe("en");
    expect(langOf("en-GB,en;q=0.9")).toBe("en");
    expect(langOf("fr-FR,fr;q=0.9,en;q=0.8")).toBe("fr");
    expect(langOf("de, en;q=0.5, fr;q=0.7")).toBe("fr");
    expect(langOf("de")).toBe("fr");
    expect(langOf("en;q=0, fr;q=0.1")).toBe("fr");
  });
});
