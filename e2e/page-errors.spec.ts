// The shared fixture (e2e/fixtures.ts) fails any journey whose page throws or logs an error:
// each case below is expected to fail, so a fixture that stopped watching would turn it green
// and fail this file.
import { ACCOUNTS, signIn } from "./support";
import { test } from "./fixtures";

test.describe("a page error fails the journey that sees it", () => {
  test("an uncaught exception in the page", async ({ page }) => {
    test.fail();
    await signIn(page, ACCOUNTS.clinicianRei);
    // Waits until the error has reached the test (and the fixture, which listens too). Never an error
    // itself: a page error that never comes must leave the test passing, so that test.fail() flags it.
    const reported = page.waitForEvent("pageerror", { timeout: 5_000 }).catch(() => undefined);
    await page.evaluate(() =>
      setTimeout(() => {
        throw new Error("thrown by the page");
      }, 0),
    );
    await reported;
  });

  test("an error logged to the console", async ({ page }) => {
    test.fail();
    await signIn(page, ACCOUNTS.clinicianRei);
    await page.evaluate(() => console.error("logged by the page"));
  });

  test("an unhandled promise rejection", async ({ page }) => {
    test.fail();
    await signIn(page, ACCOUNTS.clinicianRei);
    const reported = page.waitForEvent("pageerror", { timeout: 5_000 }).catch(() => undefined);
    await page.evaluate(() => void Promise.reject(new Error("rejected in the page")));
    await reported;
  });
});
