// The checks a Node.js server runs once at start (from src/instrumentation.ts): the environment is
// parsed and checked here (src/server/env.ts), and a production server with a missing or malformed
// setting stops with the variable and the rule, instead of starting and failing requests
// (docs/deployment.md, "Environment variables"). A module of its own so that only the Node.js bundle
// compiles it: `process.exit` has no place in the edge bundle, where `next dev` reported it as an error.
import { checkServerEnv, EnvError, keepServerEnv } from "./env";
import { AuditConfigError, assertProductionAuditConfig } from "./audit-config";
import { assertProductionSecret, SecretConfigError } from "./auth/session-config";
import { assertMfaKey, MfaKeyError } from "./auth/totp-crypto";

/** `env` is the process's environment, read by the caller (only env.ts and instrumentation read it). */
export function checkServerAtStart(env: NodeJS.ProcessEnv): void {
  try {
    // Every variable's form, and what production requires (secret, audit keys, MFA key, public URL).
    const checked = checkServerEnv(env);
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
