// Where the sign-in page may send the user afterwards: a path of this site
// only. The value comes from the query string (`?callbackUrl=`), so anyone can
// craft it; browsers read "//evil.com" and "/\evil.com" as other sites, and
// strip tabs and newlines from URLs before parsing them.

const SAME_ORIGIN_BASE = "http://same-origin.invalid";
const MAX_LENGTH = 2048;

/**
 * The value itself when it is a same-origin relative path ("/cases/abc?x=1#f"),
 * otherwise `fallback`. Refused: anything not starting with exactly one "/",
 * any backslash, any control or whitespace character (raw or that a browser
 * would strip), and anything that does not resolve to this origin.
 */
export function safeCallbackPath(value: unknown, fallback = "/"): string {
  if (typeof value !== "string" || value.length === 0 || value.length > MAX_LENGTH) return fallback;
  if (!value.startsWith("/") || value.startsWith("//")) return fallback;
  if (value.includes("\\")) return fallback;
  // C0 controls, space, DEL, C1 controls and the Unicode line/paragraph separators.
  if (/[\u0000-\u0020\u007f-\u009f\u2028\u2029]/.test(value)) return fallback;
  let parsed: URL;
  try {
    parsed = new URL(value, SAME_ORIGIN_BASE);
  } catch {
    return fallback;
  }
  if (parsed.origin !== SAME_ORIGIN_BASE) return fallback;
  // The path as parsed ("/a/../b" → "/b"), so what is followed is what was checked.
  const path = `${parsed.pathname}${parsed.search}${parsed.hash}`;
  return path.startsWith("//") ? fallback : path;
}
