import "server-only";
// What the coordinators' audit page shows (ADR 0009): the last signed
// checkpoint of the file kept outside the database, compared with the head of
// the chain in the database. A quick look; `npm run audit:verify` checks all.
import type { Actor } from "@/domain/actor";
import type { Checkpoint } from "@/domain/audit-checkpoint";
import { authorize } from "./access.server";
import { lastConfiguredCheckpoint } from "./audit-checkpoints";
import type { Db } from "./db/create-db";

export interface CheckpointStatus {
  file: string;
  exists: boolean;
  last: Checkpoint | null;
  headSeq: number;
  /** agrees: same event, same hash; behind: events written since; ahead / differs: an alert. */
  state: "agrees" | "behind" | "ahead" | "differs" | "none";
}

export async function checkpointStatus(db: Db, actor: Actor): Promise<CheckpointStatus> {
  authorize(actor, "case.review");
  const { file, exists, checkpoint } = lastConfiguredCheckpoint();
  const head = await db.auditHead.findUnique({ where: { id: 1 } });
  const headSeq = head?.seq ?? 0;
  if (!checkpoint) return { file, exists, last: null, headSeq, state: "none" };
  const event = await db.auditEvent.findUnique({ where: { seq: checkpoint.seq }, select: { hash: true } });
  const state = !event
    ? "ahead"
    : event.hash !== checkpoint.hash
      ? "differs"
      : headSeq === checkpoint.seq
        ? "agrees"
        : "behind";
  return { file, exists, last: checkpoint, headSeq, state };
}
