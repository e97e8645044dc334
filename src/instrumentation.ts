// Runs once when a Next.js server starts: the environment is parsed and checked
// here (src/server/env.ts), and a production server with a missing or malformed
// setting stops with the variable and the rule, instead of starting and failing
// requests (docs/deployment.md, "Environment variables").
export async function register(): Promise<void> {
  // Next.js inlines NEXT_RUNTIME per bundle (only the Node.js bundle loads the
  // checks) and sets NEXT_PHASE while `next build` loads the app: settings are
  // a run-time matter. These two are the only direct reads outside env.ts.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { checkServerEnv, EnvError, keepServerEnv } = await import("./server/env");
  const { assertProductionSecret, SecretConfigError } = await import("./server/auth/session-config");
  const { assertProductionAuditConfig, AuditConfigError } = await import("./server/audit-config");
  const { assertMfaKey, MfaKeyError } = await import("./server/auth/totp-crypto");
  try {
    // Every variable's form, and what production requires (secret, audit keys, MFA key, public URL).
    const checked = checkServerEnv(process.env);
    // The modules' own deeper checks on the values they use.
    assertProductionSecret();
    // The audit trail's HMAC keys and checkpoint file (ADR 0009).
    assertProductionAuditConfig();
    // The key sealing second-factor secrets (ADR 0012).
    assertMfaKey();
    // Checked once: a production server reads this copy from now on (its environment does not change).
    keepServerEnv(checked);
  } catch (error) {
    if (
      !(error instanceof EnvError) &&
      !(error instanceof SecretConfigError) &&
      !(error instanceof AuditConfigError) &&
      !(error instanceof MfaKeyError)
    )
      throw error;
    console.error(`Refusing to start: ${error.message}`);
    process.exit(1);
  }
}
