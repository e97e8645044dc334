// npm run setup — prepares a fresh checkout: .env with a new secret, the
// database migrated, demo data. Safe to run again.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";

if (!existsSync(".env")) {
  const secret = randomBytes(32).toString("base64");
  // The audit trail's key (ADR 0009): id = the month it was made, so that a later rotation reads naturally.
  const auditKey = `${new Date().toISOString().slice(0, 7)}:${randomBytes(32).toString("base64")}`;
  const env = readFileSync(".env.example", "utf8")
    .replace(/^NEXTAUTH_SECRET=""$/m, `NEXTAUTH_SECRET="${secret}"`)
    .replace(/^AUDIT_HMAC_KEYS=""$/m, `AUDIT_HMAC_KEYS="${auditKey}"`)
    // The key sealing second-factor secrets (ADR 0012).
    .replace(/^MFA_ENCRYPTION_KEY=""$/m, `MFA_ENCRYPTION_KEY="${randomBytes(32).toString("base64")}"`);
  writeFileSync(".env", env, { mode: 0o600 });
  console.log("Created .env with a new NEXTAUTH_SECRET and audit key.");
}
for (const script of ["db:migrate", "db:seed"]) {
  execFileSync("npm", ["run", "--silent", script], { stdio: "inherit" });
}
