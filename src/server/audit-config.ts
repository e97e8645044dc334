// Where the audit trail's secrets and checkpoints live (ADR 0009): the HMAC
// keys come from the environment, never the database, and the checkpoint file
// sits outside the database. A plain module (no "server-only"): the scripts
// (audit:verify, seed, e2e server) read the same configuration.
//
// AUDIT_HMAC_KEYS="2026-12:<secret>,2026-01:<older secret>" — the first key
// signs new events and checkpoints, the others only verify what they signed
// (rotation: put the new key first, keep the old ones). Ids: letters, digits,
// "-", "_", "."; secrets: 32+ characters.
import { resolve } from "node:path";
import type { AuditKeyring } from "../domain/audit-chain";
import { databaseUrl, providerOf, sqliteFilePath } from "./db/database-url";
import { env as currentEnv } from "./env";

type Env = Readonly<Record<string, string | undefined>>;

export const MIN_AUDIT_KEY_LENGTH = 32;

/** Development and tests only, like DEVELOPMENT_ONLY_SECRET: production refuses to start without real keys. */
export const DEVELOPMENT_AUDIT_KEY_ID = "dev";
const DEVELOPMENT_AUDIT_KEY = "development-only-audit-key-never-used-in-production-0123456789";

/** Development fallback for the checkpoint file on PostgreSQL (production must name one, outside the database's reach). */
export const DEVELOPMENT_CHECKPOINT_FILE = "data/audit-checkpoints.log";

export class AuditConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuditConfigError";
  }
}

const isProduction = (env: Env): boolean => env.NODE_ENV === "production" || env.ECRF_ENV === "production";

/** Parses AUDIT_HMAC_KEYS; throws naming what is wrong (never printing a secret). */
export function parseAuditKeys(text: string): AuditKeyring {
  const keys = new Map<string, string>();
  let currentId: string | undefined;
  for (const item of text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const colon = item.indexOf(":");
    const id = colon > 0 ? item.slice(0, colon).trim() : "";
    const secret = colon > 0 ? item.slice(colon + 1).trim() : "";
    if (!/^[A-Za-z0-9._-]{1,40}$/.test(id))
      throw new AuditConfigError(
        "AUDIT_HMAC_KEYS: each key is written id:secret (id of letters, digits, '.', '_', '-')",
      );
    if (secret.length < MIN_AUDIT_KEY_LENGTH)
      throw new AuditConfigError(`AUDIT_HMAC_KEYS: key ${id} is shorter than ${MIN_AUDIT_KEY_LENGTH} characters`);
    if (keys.has(id)) throw new AuditConfigError(`AUDIT_HMAC_KEYS: key id ${id} appears twice`);
    keys.set(id, secret);
    currentId ??= id;
  }
  if (!currentId) throw new AuditConfigError("AUDIT_HMAC_KEYS is empty");
  return { currentId, keys };
}

/**
 * The keyring: AUDIT_HMAC_KEYS, else (development and tests only) a fixed,
 * clearly named development key. The development key also verifies in
 * development next to configured keys, so a database started without keys
 * still verifies once they are set; production never accepts it.
 */
export function auditKeyring(env: Env = currentEnv()): AuditKeyring {
  const text = env.AUDIT_HMAC_KEYS?.trim();
  if (!text) {
    if (isProduction(env))
      throw new AuditConfigError(
        "AUDIT_HMAC_KEYS is not set: production refuses to run without the audit trail's key. See .env.example.",
      );
    return { currentId: DEVELOPMENT_AUDIT_KEY_ID, keys: new Map([[DEVELOPMENT_AUDIT_KEY_ID, DEVELOPMENT_AUDIT_KEY]]) };
  }
  const ring = parseAuditKeys(text);
  if (isProduction(env)) {
    if (ring.keys.has(DEVELOPMENT_AUDIT_KEY_ID))
      throw new AuditConfigError(`AUDIT_HMAC_KEYS: key id "${DEVELOPMENT_AUDIT_KEY_ID}" is reserved for development`);
    return ring;
  }
  const keys = new Map(ring.keys);
  if (!keys.has(DEVELOPMENT_AUDIT_KEY_ID)) keys.set(DEVELOPMENT_AUDIT_KEY_ID, DEVELOPMENT_AUDIT_KEY);
  return { currentId: ring.currentId, keys };
}

/**
 * The checkpoint file: AUDIT_CHECKPOINT_FILE, else (development and tests
 * only) one per database — `<sqlite file>.checkpoints` next to a SQLite file,
 * data/audit-checkpoints.log for PostgreSQL.
 */
export function checkpointFile(env: Env = currentEnv()): string {
  const path = env.AUDIT_CHECKPOINT_FILE?.trim();
  if (path) return resolve(/*turbopackIgnore: true*/ process.cwd(), path);
  if (isProduction(env))
    throw new AuditConfigError(
      "AUDIT_CHECKPOINT_FILE is not set: production refuses to run without the audit checkpoints' file. See .env.example.",
    );
  const url = databaseUrl(env);
  if (providerOf(url) === "sqlite" && sqliteFilePath(url) !== ":memory:") return `${sqliteFilePath(url)}.checkpoints`;
  return resolve(/*turbopackIgnore: true*/ process.cwd(), DEVELOPMENT_CHECKPOINT_FILE);
}

/** Throws when production would run without the audit keys or the checkpoint file (src/instrumentation.ts). */
export function assertProductionAuditConfig(env: Env = currentEnv()): void {
  if (env.NODE_ENV !== "production") return;
  auditKeyring(env);
  checkpointFile(env);
}
