import { verifyChain, type ChainCheck } from "@/domain/audit-chain";
import { auditKeyring } from "@/server/audit-config";
import type { Db } from "@/server/db/create-db";

/** Reads the whole audit trail in order and verifies its keyed hash chain (the test environment's keyring). */
export async function checkAuditChain(db: Db): Promise<ChainCheck> {
  const rows = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
  return verifyChain(
    rows.map((r) => ({ ...r, at: r.at.toISOString() })),
    auditKeyring(),
  );
}
