// The codes that travel from next-auth's `authorize` (a thrown message) or the
// SSO callback (a redirect) to the sign-in page, for the second step. Shared by
// server and browser; tickets are opaque random strings.

export const MFA_CODES = {
  verify: "MFA_VERIFY",
  enrol: "MFA_ENROL",
  throttled: "MFA_THROTTLED",
  wrong: "MFA_WRONG",
  expired: "MFA_EXPIRED",
} as const;

export type SecondStep = { step: "verify" | "enrol"; ticket: string };

/** "MFA_VERIFY:<ticket>" / "MFA_ENROL:<ticket>" → the step to show; anything else → null. */
export function parseSecondStep(code: string | null | undefined): SecondStep | null {
  const match = /^(MFA_VERIFY|MFA_ENROL):([A-Za-z0-9_-]{20,100})$/.exec(code ?? "");
  if (!match) return null;
  return { step: match[1] === MFA_CODES.enrol ? "enrol" : "verify", ticket: match[2]! };
}

/** Why single sign-on did not reach an account (shown on the sign-in page, same words for every cause but two). */
export const SSO_ERROR_CAUSES = [
  "no_account",
  "unverified_email",
  "disabled",
  "link_conflict",
  "no_subject",
  "throttled",
] as const;
export type SsoErrorCause = (typeof SSO_ERROR_CAUSES)[number];

export function ssoErrorCode(cause: SsoErrorCause): string {
  return `SSO_${cause.toUpperCase()}`;
}

export function parseSsoError(code: string | null | undefined): SsoErrorCause | null {
  const cause = code?.startsWith("SSO_") ? code.slice(4).toLowerCase() : null;
  return cause && (SSO_ERROR_CAUSES as readonly string[]).includes(cause) ? (cause as SsoErrorCause) : null;
}
