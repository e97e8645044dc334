// Case creation called directly, as an attacker or a broken client would: the server action's
// body over the limit is a 413 with a sentence, a `__proto__` key is refused (400) and nothing is
// created — never a 500.
import { createDb } from "@/server/db/create-db";
import { ACCOUNTS, fillEligibility, signIn } from "./support";
import { expect, test } from "./fixtures";

const DATABASE_URL = `file:./data/e2e-${process.env.E2E_PORT ?? "3100"}.db`;

test("case creation called directly: oversized body → 413, __proto__ → 400, nothing created", async ({
  page,
  baseURL,
}) => {
  await signIn(page, ACCOUNTS.clinicianRei);
  // The action as the browser sends it, recorded from a real creation.
  await page.goto("/cases/new");
  await fillEligibility(page);
  await page.getByLabel(/^Initiales/).fill("HZ");
  await page.getByLabel("Date de naissance").fill("02/03/1960");
  const sent = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await page.getByRole("button", { name: "Créer le cas" }).click();
  const request = await sent;
  await expect(page.getByTestId("case-page")).toBeVisible();
  const headers = {
    "next-action": request.headers()["next-action"]!,
    "content-type": request.headers()["content-type"] ?? "text/plain;charset=UTF-8",
    accept: "text/x-component",
    origin: baseURL!,
  };
  const body = request.postData()!;
  expect(body).toContain("1960-03-02");

  const huge = await page.request.post("/cases/new", {
    headers,
    data: body.replace("1960-03-02", "1961-04-05").replace('"HZ"', `"${"H".repeat(10 * 1024 * 1024)}"`),
  });
  expect(huge.status()).toBe(413);
  expect(await huge.json()).toMatchObject({ message: "Envoi trop volumineux : 1 Mo au plus." });

  const polluted = body.replace("1960-03-02", "1961-04-05").replace(/\{"/, '{"__proto__":{"role":"COORDINATOR"},"');
  expect(polluted).toContain("__proto__");
  const refused = await page.request.post("/cases/new", { headers, data: polluted });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toMatchObject({ message: "Champ inconnu : __proto__." });

  const { db } = createDb(DATABASE_URL);
  try {
    expect(await db.case.count({ where: { birthDate: "1961-04-05" } })).toBe(0);
  } finally {
    await db.$disconnect();
  }
});
