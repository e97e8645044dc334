import { encode } from "next-auth/jwt";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, signIn } from "./support";

// Must match scripts/e2e-server.ts.
const SECRET = "e2e-only-secret-not-for-production-0123456789";
const COOKIE = "next-auth.session-token";

test("every response carries the security headers", async ({ page }) => {
  const response = await page.goto("/login");
  const headers = response!.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-powered-by"]).toBeUndefined();
});

test("the session slides forward with activity and ends after 30 idle minutes", async ({ page, context, baseURL }) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  const first = (await context.cookies()).find((c) => c.name === COOKIE)!;
  expect(first.httpOnly).toBe(true);
  const idleLimit = Date.now() / 1000 + 30 * 60;
  expect(Math.abs(first.expires - idleLimit)).toBeLessThan(120);

  // Another request a little later re-issues the cookie with a later expiry.
  await page.waitForTimeout(1500);
  await page.goto("/");
  const second = (await context.cookies()).find((c) => c.name === COOKIE)!;
  expect(second.value).not.toBe(first.value);
  expect(second.expires).toBeGreaterThan(first.expires);

  // A token whose 30 minutes have run out, as after half an hour without a request.
  // Leave the app first: a link prefetch still in flight would bring back a fresh cookie.
  await page.goto("about:blank");
  const stale = await encode({ token: { uid: "whoever", sub: "whoever" }, secret: SECRET, maxAge: -60 });
  await context.addCookies([{ name: COOKIE, value: stale, url: baseURL! }]);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?expired=1/);
  await expect(page.getByRole("status")).toHaveText("Votre session a expiré après 30 minutes d'inactivité. Reconnectez-vous.");
});

test("a forged or foreign session cookie is worth nothing", async ({ page, context, baseURL }) => {
  const forged = await encode({ token: { uid: "x" }, secret: "some-other-secret-0123456789-abcdef", maxAge: 600 });
  await context.addCookies([{ name: COOKIE, value: forged, url: baseURL! }]);
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login/);
});
