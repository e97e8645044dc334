// Thin wrapper over Prisma's WebAssembly schema engine (shipped on npm as
// @prisma/schema-engine-wasm), so that migrations are created and applied with
// no network: the Prisma CLI would download a native engine instead.
// See docs/decisions/0003-offline-migrations.md.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { providerOf, sqliteFilePath, type Provider } from "@/server/db/database-url";

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

/** The engine object as wasm-bindgen creates it: free() releases its memory. */
type WasmSchemaEngine = SchemaEngine & { free(): void };

interface WasmRuntime {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: {
    new: (
      input: { datamodels: [string, string][] | undefined },
      debug: (m: string) => void,
      adapter: unknown,
    ) => Promise<WasmSchemaEngine>;
  };
}

let runtimePromise: Promise<WasmRuntime> | undefined;

// The engine arms timers it never clears (its glue has no clearTimeout), e.g.
// 10 s around PostgreSQL's migration lock, which kept every process alive 10 s
// after its work was done. Unref'd timers still fire while there is work.
function withUnrefTimers(runtime: WasmRuntime): WebAssembly.ModuleImports {
  const imports: WebAssembly.ModuleImports = { ...(runtime as unknown as WebAssembly.ModuleImports) };
  for (const name of Object.keys(imports)) {
    if (name.startsWith("__wbg_setTimeout_")) {
      imports[name] = (callback: () => void, ms: number) => setTimeout(callback, ms >>> 0).unref();
    }
  }
  return imports;
}

async function loadRuntime(): Promise<WasmRuntime> {
  const runtime = (await import("@prisma/schema-engine-wasm/schema_engine_bg")) as unknown as WasmRuntime;
  const pkgDir = dirname(require.resolve("@prisma/schema-engine-wasm"));
  const bytes = await readFile(join(pkgDir, "schema_engine_bg.wasm"));
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {
    "./schema_engine_bg.js": withUnrefTimers(runtime),
  });
  runtime.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return runtime;
}

// PostgreSQL reports catalog columns such as pg_constraint.contype with the
// internal "char" type (OID 18), which @prisma/adapter-pg 7.10 refuses
// ("Column type 'char' could not be deserialized"). The engine reads them
// whenever it describes a database (diff from a datasource), so this pool
// reports them as text; their values already arrive as strings.
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function charAsTextPool(url: string): pg.Pool {
  const pool = new pg.Pool({ connectionString: url });
  const query = pool.query.bind(pool) as (
    config: string | pg.QueryConfig,
  ) => Promise<pg.QueryResult | pg.QueryResult[]>;
  const patched = async (config: string | pg.QueryConfig): Promise<pg.QueryResult | pg.QueryResult[]> => {
    const result = await query(config);
    for (const part of Array.isArray(result) ? result : [result]) {
      for (const field of part.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
    }
    return result;
  };
  pool.query = patched as typeof pool.query;
  return pool;
}

function adapterFactoryFor(url: string): SqlMigrationAwareDriverAdapterFactory {
  const provider = providerOf(url);
  return provider === "postgresql"
    ? new PrismaPg(charAsTextPool(url), { disposeExternalPool: true })
    : new PrismaBetterSqlite3({ url: sqliteFilePath(url) });
}

/**
 * Records every connection the engine opens, because the engine never closes
 * them (not even on free()): an open pg pool would keep the process alive.
 */
function trackConnections(factory: SqlMigrationAwareDriverAdapterFactory, opened: SqlDriverAdapter[]): void {
  const track = (connect: () => Promise<SqlDriverAdapter>) => async (): Promise<SqlDriverAdapter> => {
    const adapter = await connect();
    const dispose = adapter.dispose.bind(adapter);
    let disposed: Promise<void> | undefined;
    // Idempotent: a pg pool refuses to be ended twice.
    adapter.dispose = () => (disposed ??= dispose());
    opened.push(adapter);
    return adapter;
  };
  factory.connect = track(factory.connect.bind(factory));
  factory.connectToShadowDb = track(factory.connectToShadowDb.bind(factory));
}

export interface OpenedSchemaEngine {
  engine: SchemaEngine;
  provider: Provider;
  /** Closes the engine's database connections and frees the engine. */
  close(): Promise<void>;
}

/** Opens the schema engine on the database at `url` (SQLite file: URL or postgresql://). */
export async function openSchemaEngine(url: string, schema?: SchemaFile): Promise<OpenedSchemaEngine> {
  runtimePromise ??= loadRuntime();
  const runtime = await runtimePromise;
  const factory = adapterFactoryFor(url);
  const opened: SqlDriverAdapter[] = [];
  trackConnections(factory, opened);
  const disposeAll = async (): Promise<void> => {
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(factory);
  const datamodels: [string, string][] | undefined = schema ? [[schema.path, schema.content]] : undefined;
  let engine: WasmSchemaEngine;
  try {
    engine = await runtime.SchemaEngine.new({ datamodels }, () => {}, adapter);
  } catch (error) {
    await disposeAll();
    throw error;
  }
  return {
    engine,
    provider: providerOf(url),
    close: async () => {
      await disposeAll();
      engine.free();
    },
  };
}

export const NO_FILTERS = { externalTables: [], externalEnums: [] };
