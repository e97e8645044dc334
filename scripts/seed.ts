// npm run db:seed — demo centres and accounts on the configured database.
// Idempotent; refuses to run in production.
import { hash } from "@node-rs/argon2";
import { createDb } from "@/server/db/create-db";
import { databaseUrl } from "@/server/db/database-url";
import { DEMO_CENTRES, DEMO_PASSWORD, DEMO_USERS } from "./demo-data";
import { loadDotEnv } from "./load-env";

async function main(): Promise<void> {
  loadDotEnv();
  if (process.env.NODE_ENV === "production" || process.env.ECRF_ENV === "production") {
    console.error("Refusing to seed demo accounts: this is a production environment (NODE_ENV/ECRF_ENV=production).");
    process.exit(1);
  }
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
        create: { email: u.email, displayName: u.displayName, role: u.role, centreId: centre?.id ?? null, passwordHash },
      });
    }
    await db.studySettings.upsert({ where: { id: 1 }, update: {}, create: { id: 1, studyName: "DM-SAM" } });
    console.log(`Demo data ready: ${DEMO_CENTRES.length} centres, ${DEMO_USERS.length} accounts (password: ${DEMO_PASSWORD}).`);
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
