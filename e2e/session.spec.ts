import { encode } from "next-auth/jwt";
import { expect, test } from "./fixtures";
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

  // Another request a little later re-issues the cookie with a later expiry (expiries count whole
  // seconds: requests are made until the clock has moved on, rather than after a fixed pause).
  let second = first;
  await expect
    .poll(
      async () => {
        await page.goto("/");
        second = (await context.cookies()).find((c) => c.name === COOKIE)!;
        return second.expires;
      },
      { intervals: [500], timeout: 15_000 },
    )
    .toBeGreaterThan(first.expires);
  expect(second.value).not.toBe(first.value);

  // A token whose 30 minutes have run out, as after half an hour without a request.
  // Leave the app first: a link prefetch still in flight would bring back a fresh cookie.
  await page.goto("about:blank");
  const stale = await encode({ token: { uid: "whoever", sub: "whoever" }, secret: SECRET, maxAge: -60 });
  await context.addCookies([{ name: COOKIE, value: stale, url: baseURL! }]);
  await page.goto("/");
  await expect(page).toHaveURL(/\/login\?expired=1/);
  await expect(page.getByRole("status")).toHaveText(
    "Votre session a expiré après 30 minutes d'inactivité. Reconnectez-vous.",
  );
});

test("a forged or foreign session cookie is worth nothing", async ({ page, context, baseURL }) => {
  const forged = await encode({ token: { uid: "x" }, secret: "some-other-secret-0123456789-abcdef", maxAge: 600 });
  await context.addCookies([{ name: COOKIE, value: forged, url: baseURL! }]);
  await page.goto("/admin/users");
  await expect(page).toHaveURL(/\/login/);
});

test("after sign-out, a copy of the session cookie (or one re-issued by a request in flight) no longer signs anyone in", async ({
  page,
  context,
  browser,
  baseURL,
}) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  const copied = (await context.cookies()).find((c) => c.name === COOKIE)!;
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page).toHaveURL(/\/login/);

  const other = await browser.newContext();
  await other.addCookies([{ name: COOKIE, value: copied.value, url: baseURL! }]);
  const replay = await other.newPage();
  await replay.goto("/");
  await expect(replay).toHaveURL(/\/login/);
  await expect(replay.getByTestId("whoami")).toHaveCount(0);
  // The draft API says "not signed in" too.
  const api = await replay.request.patch("/api/cases/anything/draft", {
    data: { baseVersion: 0, fields: {} },
    headers: { origin: baseURL! },
  });
  expect(api.status()).toBe(401);
  await other.close();

  // Signing in again works, and that new session is a good one.
  await signIn(page, ACCOUNTS.clinicianRei);
  await page.goto("/");
  await expect(page.getByTestId("whoami")).toBeVisible();
});
