// Time-based one-time passwords (RFC 6238: 30-second steps, 6 digits, HMAC-SHA-1,
// which is what every authenticator app implements). Pure: the caller passes the
// time and the last step already accepted, so a code is never accepted twice.
import { decodeBase32IgnorePadding, encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP } from "@oslojs/otp";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** One step before and after the current one: phone clocks drift, and typing takes time. */
export const TOTP_WINDOW = 1;
/** 160 bits, RFC 4226's recommended secret length. */
export const TOTP_SECRET_BYTES = 20;

export function totpStep(nowMs: number): number {
  return Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS);
}

export function totpCode(secret: Uint8Array, step: number): string {
  return generateHOTP(secret, BigInt(step), TOTP_DIGITS);
}

/**
 * What the user typed, as a code: full-width digits folded (NFKC), spaces,
 * dashes and invisible characters dropped. Anything else is not a code.
 */
export function normaliseCode(input: string): string {
  return input.normalize("NFKC").replace(/[\s\-\u200B-\u200F\u2060\uFEFF]/g, "");
}

export type TotpMatch = { ok: true; step: number } | { ok: false; reason: "malformed" | "wrong" | "replayed" };

/** Compares two equal-length strings without an early exit (no timing hint of the right digits). */
function sameCode(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Checks a code against the steps around `nowMs`. A code of a step at or
 * before `lastStep` (already used, or older than a used one) is refused as
 * replayed, even inside the window.
 */
export function matchTotp(secret: Uint8Array, input: string, nowMs: number, lastStep: number): TotpMatch {
  const code = normaliseCode(input);
  if (!/^\d{6}$/.test(code)) return { ok: false, reason: "malformed" };
  const now = totpStep(nowMs);
  let matched: number | null = null;
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step++) {
    if (sameCode(totpCode(secret, step), code) && matched === null) matched = step;
  }
  if (matched === null) return { ok: false, reason: "wrong" };
  if (matched <= lastStep) return { ok: false, reason: "replayed" };
  return { ok: true, step: matched };
}

/** The secret as authenticator apps show and accept it (base32, no padding). */
export function secretToBase32(secret: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(secret);
}

export function secretFromBase32(text: string): Uint8Array {
  return decodeBase32IgnorePadding(text.replace(/\s/g, "").toUpperCase());
}

/** otpauth:// URI for the QR code (issuer shown by the app, account = the e-mail). */
export function otpauthUri(issuer: string, account: string, secret: Uint8Array): string {
  return createTOTPKeyURI(issuer, account, secret, TOTP_PERIOD_SECONDS, TOTP_DIGITS);
}

/** The secret in groups of four, easier to type by hand when the QR code cannot be scanned. */
export function groupedSecret(secret: Uint8Array): string {
  return secretToBase32(secret).replace(/(.{4})(?=.)/g, "$1 ");
}
