// Recovery codes: ten single-use codes shown once at enrolment, for the day the
// phone is lost. 10 characters of a 32-letter alphabet without look-alikes
// (50 bits each). The server stores only a keyed hash of each.

export const RECOVERY_CODE_COUNT = 10;
const ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"; // no 0/O, 1/I
const LENGTH = 10;

/** Codes from random bytes (one byte per character; 256 is a multiple of 32, so no bias). */
export function recoveryCodesFrom(random: Uint8Array, count: number = RECOVERY_CODE_COUNT): string[] {
  if (random.length < count * LENGTH) throw new RangeError("not enough random bytes");
  const codes: string[] = [];
  for (let c = 0; c < count; c++) {
    let code = "";
    for (let i = 0; i < LENGTH; i++) code += ALPHABET[random[c * LENGTH + i]! % ALPHABET.length];
    codes.push(`${code.slice(0, 5)}-${code.slice(5)}`);
  }
  return codes;
}

/**
 * The canonical form hashed and compared: upper case, full-width folded, without
 * spaces or dashes. Null when it cannot be a recovery code (so a six-digit TOTP
 * code is never taken for one).
 */
export function normaliseRecoveryCode(input: string): string | null {
  const compact = input
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-\u200B-\u200F\u2060\uFEFF]/g, "");
  if (compact.length !== LENGTH || [...compact].some((ch) => !ALPHABET.includes(ch))) return null;
  return compact;
}

/** Whether what the user typed looks like a recovery code rather than a TOTP code. */
export function looksLikeRecoveryCode(input: string): boolean {
  return normaliseRecoveryCode(input) !== null;
}
