// Accounts of the strong sign-in journeys, made directly in the journeys'
// database (as a coordinator's invitation would, password already chosen):
// their own, so that enrolling second factors never touches the demo accounts.
import { hash } from "@node-rs/argon2";
import { createDb } from "@/server/db/create-db";

export const MFA_PASSWORD = "mot-de-passe-des-parcours-2fa";
const DATABASE_URL = `file:./data/e2e-${process.env.E2E_PORT ?? "3100"}.db`;

/** Creates (or resets to "no second factor") an active account of centre REI, or a coordinator. */
export async function freshAccount(
  email: string,
  role: "CLINICIAN" | "COORDINATOR",
  displayName: string,
): Promise<void> {
  const { db } = createDb(DATABASE_URL);
  try {
    const centre = role === "COORDINATOR" ? null : await db.centre.findUniqueOrThrow({ where: { code: "REI" } });
    const passwordHash = await hash(MFA_PASSWORD);
    const user = await db.user.upsert({
      where: { email },
      update: { passwordHash, active: true },
      create: { email, displayName, role, centreId: centre?.id ?? null, passwordHash },
    });
    await db.totpFactor.deleteMany({ where: { userId: user.id } });
    await db.passkey.deleteMany({ where: { userId: user.id } });
    await db.recoveryCode.deleteMany({ where: { userId: user.id } });
  } finally {
    await db.$disconnect();
  }
}

/** What the database holds for a user's TOTP secret (to prove it is not the secret in clear). */
export async function storedTotp(email: string): Promise<string | null> {
  const { db } = createDb(DATABASE_URL);
  try {
    const user = await db.user.findUniqueOrThrow({ where: { email } });
    return (await db.totpFactor.findUnique({ where: { userId: user.id } }))?.secretEnc ?? null;
  } finally {
    await db.$disconnect();
  }
}
