// The demo coordinator's authenticator-app secret (demo data only, like the
// demo password): coordinators must use a second factor (ADR 0012), so the
// seeded coordinator has one, and the browser journeys answer its codes.
// Never used outside the demo and test databases (the seed refuses production).
import { secretFromBase32, totpCode, totpStep } from "@/domain/mfa/totp";
import type { Db } from "@/server/db/create-db";
import { sealSecret } from "@/server/auth/totp-crypto";

/** Base32, as an authenticator app takes it: add it to try the demo as the coordinator. */
export const DEMO_COORDINATOR_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/** The demo secret's code for a time step (the current one by default). */
export function demoTotpCode(step: number = totpStep(Date.now())): string {
  return totpCode(secretFromBase32(DEMO_COORDINATOR_TOTP_SECRET), step);
}

/** Gives the demo coordinator the demo secret, once (idempotent like the rest of the seed). */
export async function seedDemoSecondFactor(db: Db, coordinatorEmail: string): Promise<void> {
  const user = await db.user.findUnique({ where: { email: coordinatorEmail } });
  if (!user) return;
  const secretEnc = sealSecret(secretFromBase32(DEMO_COORDINATOR_TOTP_SECRET));
  await db.totpFactor.upsert({ where: { userId: user.id }, update: {}, create: { userId: user.id, secretEnc } });
}
