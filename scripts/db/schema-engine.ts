// Thin wrapper over Prisma's WebAssembly schema engine (shipped on npm as
// @prisma/schema-engine-wasm), so that migrations are created and applied with
// no network: the Prisma CLI would download a native engine instead.
// See docs/decisions/0003-offline-migrations.md.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { providerOf, sqliteFilePath, type Provider } from "../../src/server/db/database-url";

const require = createRequire(import.meta.url);

/** The subset of the engine's API this project uses. */
export interface SchemaEngine {
  diff(input: DiffInput): Promise<{ exitCode: number; stdout: string }>;
  applyMigrations(input: ApplyMigrationsInput): Promise<{ appliedMigrationNames: string[] }>;
}

export type DiffTarget =
  | { tag: "empty" }
  | { tag: "schemaDatamodel"; files: SchemaFile[] }
  | { tag: "schemaDatasource"; files: SchemaFile[]; configDir: string };

interface SchemaFile {
  path: string;
  content: string;
}

interface DiffInput {
  from: DiffTarget;
  to: DiffTarget;
  script: boolean;
  exitCode: boolean | null;
  filters: { externalTables: string[]; externalEnums: string[] };
}

export interface MigrationDirectoryInput {
  path: string;
  migrationFile: { path: string; content: { tag: "ok"; value: string } };
}

interface ApplyMigrationsInput {
  migrationsList: {
    baseDir: string;
    lockfile: { path: string; content: string | null };
    shadowDbInitScript: string;
    migrationDirectories: MigrationDirectoryInput[];
  };
  filters: { externalTables: string[]; externalEnums: string[] };
}

interface WasmRuntime {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: {
    new: (input: { datamodels: [string, string][] | undefined }, debug: (m: string) => void, adapter: unknown) => Promise<SchemaEngine>;
  };
}

let runtimePromise: Promise<WasmRuntime> | undefined;

async function loadRuntime(): Promise<WasmRuntime> {
  const runtime = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as WasmRuntime;
  const pkgDir = dirname(require.resolve("@prisma/schema-engine-wasm"));
  const bytes = await readFile(join(pkgDir, "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    "./schema_engine_bg.js": runtime as unknown as WebAssembly.ModuleImports,
  });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return runtime;
}

function adapterFactoryFor(url: string) {
  const provider = providerOf(url);
  return provider === "postgresql"
    ? new PrismaPg({ connectionString: url })
    : new PrismaBetterSqlite3({ url: sqliteFilePath(url) });
}

/** Opens the schema engine on the database at `url` (SQLite file: URL or postgresql://). */
export async function openSchemaEngine(url: string, schema?: SchemaFile): Promise<{ engine: SchemaEngine; provider: Provider }> {
  runtimePromise ??= loadRuntime();
  const runtime = await runtimePromise;
  const adapter = bindMigrationAwareSqlAdapterFactory(adapterFactoryFor(url));
  const datamodels: [string, string][] | undefined = schema ? [[schema.path, schema.content]] : undefined;
  const engine = await runtime.SchemaEngine.new({ datamodels }, () => {}, adapter);
  return { engine, provider: providerOf(url) };
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
