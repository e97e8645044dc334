// npm run bench:pages — the JavaScript each main page makes the browser load
// (gzip, as served by `next start`), measured in Chromium against the
// production build. Goal for the form page: under 250 kB gzipped.
import { gzipSync } from "node:zlib";
import { chromium, type Page } from "@playwright/test";
import { DEMO_PASSWORD } from "../demo-data";
import { startApp } from "../lib/app-server";

const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function jsWeight(page: Page, url: string): Promise<{ files: number; raw: number; gzip: number }> {
  const bodies: Promise<Buffer | null>[] = [];
  const onResponse = (res: import("@playwright/test").Response) => {
    if (res.request().resourceType() === "script") bodies.push(res.body().catch(() => null));
  };
  page.on("response", onResponse);
  await page.goto(url, { waitUntil: "networkidle" });
  page.off("response", onResponse);
  const all = (await Promise.all(bodies)).filter((b): b is Buffer => b !== null);
  return { files: all.length, raw: all.reduce((n, b) => n + b.length, 0), gzip: all.reduce((n, b) => n + gzipSync(b, { level: 6 }).length, 0) };
}

async function main(): Promise<void> {
  const app = await startApp(Number(process.env.BENCH_PORT ?? 3300));
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"] });
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    const rows: [string, Awaited<ReturnType<typeof jsWeight>>][] = [];
    rows.push(["/login", await jsWeight(page, `${app.baseUrl}/login`)]);
    await page.getByLabel("Adresse e-mail").fill("clinicien.rei@dm-sam.test");
    await page.getByLabel("Mot de passe").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Se connecter" }).click();
    await page.waitForSelector("[data-testid=whoami]");
    // Each page in a fresh context (empty cache), signed in with the same cookies.
    const cookies = await context.cookies();
    const measure = async (label: string, url: string) => {
      const c = await browser.newContext();
      await c.addCookies(cookies);
      const p = await c.newPage();
      rows.push([label, await jsWeight(p, url)]);
      return p;
    };
    await measure("/ (home)", `${app.baseUrl}/`);
    const creator = await measure("/cases/new", `${app.baseUrl}/cases/new`);
    for (const legend of ["Diagnostic de dermatomyosite", "SAM compliquant la dermatomyosite", "Diagnostic porté en France"]) {
      await creator.getByRole("group", { name: new RegExp(`^${legend}`) }).getByLabel("Oui").check();
    }
    await creator.getByLabel(/^Date du diagnostic de SAM/).fill("15/06/2015");
    await creator.getByLabel(/^Initiales/).fill("BW");
    await creator.getByLabel("Date de naissance").fill("1970-01-01");
    await creator.getByRole("button", { name: "Créer le cas" }).click();
    await creator.waitForSelector("[data-testid=case-page]");
    await measure("/cases/[id] (the form)", creator.url());
    console.log("page                          scripts   raw kB   gzip kB");
    for (const [label, w] of rows) {
      console.log(`${label.padEnd(30)}${String(w.files).padStart(7)}${(w.raw / 1024).toFixed(1).padStart(9)}${(w.gzip / 1024).toFixed(1).padStart(10)}`);
    }
  } finally {
    await browser.close();
    app.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
