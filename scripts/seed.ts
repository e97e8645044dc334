// npm run db:seed — demo centres and accounts on the configured database.
// Idempotent; refuses to run in production.
import { hash } from "@node-rs/argon2";
import { auditKeyring, checkpointFile, DEVELOPMENT_AUDIT_KEY_ID } from "@/server/audit-config";
import { createDb } from "@/server/db/create-db";
import { databaseUrl } from "@/server/db/database-url";
import { DEMO_CENTRES, DEMO_PASSWORD, DEMO_USERS } from "./demo-data";
import { DEMO_COORDINATOR_TOTP_SECRET, seedDemoSecondFactor } from "./demo-mfa";
import { loadDotEnv } from "./load-env";

async function main(): Promise<void> {
  loadDotEnv();
  if (process.env.NODE_ENV === "production" || process.env.ECRF_ENV === "production") {
    console.error("Refusing to seed demo accounts: this is a production environment (NODE_ENV/ECRF_ENV=production).");
    process.exit(1);
  }
  // The audit trail's key and checkpoint file (ADR 0009): a malformed AUDIT_HMAC_KEYS stops here, before the app runs.
  const ring = auditKeyring();
  const { db } = createDb(databaseUrl());
  try {
    const passwordHash = await hash(DEMO_PASSWORD);
    for (const c of DEMO_CENTRES) {
      await db.centre.upsert({ where: { code: c.code }, update: {}, create: { ...c } });
    }
    for (const u of DEMO_USERS) {
      const centre = u.centre ? await db.centre.findUniqueOrThrow({ where: { code: u.centre } }) : null;
      await db.user.upsert({
        where: { email: u.email },
        update: {},
        create: {
          email: u.email,
          displayName: u.displayName,
          role: u.role,
          centreId: centre?.id ?? null,
          passwordHash,
        },
      });
    }
    // Coordinators must use a second factor (ADR 0012): the demo coordinator has a known authenticator secret.
    for (const u of DEMO_USERS) if (u.role === "COORDINATOR") await seedDemoSecondFactor(db, u.email);
    await db.studySettings.upsert({ where: { id: 1 }, update: {}, create: { id: 1, studyName: "DM-SAM" } });
    console.log(
      `Demo data ready: ${DEMO_CENTRES.length} centres, ${DEMO_USERS.length} accounts (password: ${DEMO_PASSWORD}).`,
    );
    const devKey = ring.currentId === DEVELOPMENT_AUDIT_KEY_ID ? " (development-only key: set AUDIT_HMAC_KEYS)" : "";
    console.log(
      `Audit trail: events signed with key "${ring.currentId}"${devKey}, checkpoints in ${checkpointFile()}.`,
    );
    console.log(`Demo coordinator's authenticator-app key: ${DEMO_COORDINATOR_TOTP_SECRET}.`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
