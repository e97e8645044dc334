// Runs once when a Next.js server starts: a production server without a
// usable session secret stops here, with the reason, instead of starting and
// failing every request (docs/security.md, "Secrets").
export async function register(): Promise<void> {
  // `next build` loads the app too; secrets are a run-time matter.
  if (process.env.NEXT_RUNTIME !== "nodejs" || process.env.NEXT_PHASE === "phase-production-build") return;
  const { assertProductionSecret, SecretConfigError } = await import("./server/auth/session-config");
  const { assertProductionAuditConfig, AuditConfigError } = await import("./server/audit-config");
  const { assertMfaKey, MfaKeyError } = await import("./server/auth/totp-crypto");
  try {
    assertProductionSecret();
    // The audit trail's HMAC keys and checkpoint file (ADR 0009).
    assertProductionAuditConfig();
    // The key sealing second-factor secrets (ADR 0012).
    assertMfaKey();
  } catch (error) {
    if (
      !(error instanceof SecretConfigError) &&
      !(error instanceof AuditConfigError) &&
      !(error instanceof MfaKeyError)
    )
      throw error;
    console.error(`Refusing to start: ${error.message}`);
    process.exit(1);
  }
}
