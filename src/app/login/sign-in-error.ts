// The sign-in error codes (src/server/auth/credentials.server.ts) as sentences.
// Shared by the form (JSON answer) and the page (`?error=` after a form posted
// without JavaScript): anything else — an internal error's text in a forged
// URL — reads as the generic "invalid" sentence, never echoed.
export interface SignInErrorTexts {
  invalid: string;
  unavailable: string;
  throttled: (until: Date) => string;
}

export function describeSignInError(code: string | null | undefined, texts: SignInErrorTexts): string {
  if (code?.startsWith("THROTTLED:")) {
    const until = new Date(code.slice("THROTTLED:".length));
    if (!Number.isNaN(until.getTime())) return texts.throttled(until);
  }
  if (code === "UNAVAILABLE") return texts.unavailable;
  return texts.invalid;
}
