import "server-only";
import type { Role } from "@/domain/roles";
import { appendAudit } from "../audit.server";
import type { Db } from "../db/create-db";

/**
 * Voids every session of the user that began before now (all their browsers:
 * on a shared ward computer, signing out must mean signed out) and records it.
 */
export async function endSessions(db: Db, userId: string, now: Date = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, include: { centre: true } });
    if (!user) return;
    await tx.user.update({ where: { id: userId }, data: { sessionsValidFrom: now } });
    await appendAudit(
      tx,
      [
        {
          type: "auth.signed_out",
          actor: { id: user.id, role: user.role as Role, centreCode: user.centre?.code ?? null },
          data: { email: user.email },
        },
      ],
      now,
    );
  });
}
