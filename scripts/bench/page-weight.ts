// npm run bench:pages — what each main page makes the browser download,
// measured in Chromium against the production build: JavaScript and every
// resource (document, scripts, styles, fonts, images, the RSC prefetches
// Next.js makes for visible links), raw and gzipped, and the bytes actually
// transferred (compressed bodies and headers, as `next start` serves them).
//
// The app runs on a scratch SQLite database (demo accounts) with 200
// generated cases (so the dashboard and lists have content) and one complete
// draft of the Reims clinician (the form with every field and block rows).
// Each page is opened in a fresh browser context (empty cache), signed in as
// the role that uses it. Goal (issue #2): the form page under 250 kB of
// JavaScript, gzipped.
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type Response } from "@playwright/test";
import { computeResults } from "@/domain/crf/computed";
import { createDb } from "@/server/db/create-db";
import { DEMO_PASSWORD } from "../demo-data";
import { startApp } from "../lib/app-server";
import { demoActors, insertCases } from "../lib/bench-data";
import { atScale, machineLine, markdownTable, onScratch } from "../lib/bench-env";
import { signInOverHttp } from "../lib/http-session";
import { sampleRecord } from "../lib/sample-record";

const executablePath = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const PORT = Number(process.env.BENCH_PORT ?? 3390) + 30;
const FORM_GOAL_KB = 250;

type Role = "anonymous" | "clinician" | "coordinator";
const ACCOUNTS: Record<Exclude<Role, "anonymous">, string> = {
  clinician: "clinicien.rei@dm-sam.test",
  coordinator: "coordinateur@dm-sam.test",
};

interface Weight {
  jsFiles: number;
  jsRaw: number;
  jsGzip: number;
  files: number;
  raw: number;
  gzip: number;
  transferred: number;
}

async function weigh(browser: Browser, url: string, cookie: string | null): Promise<Weight> {
  const context = await browser.newContext();
  try {
    if (cookie) {
      const [name, ...value] = cookie.split("=");
      await context.addCookies([{ name: name!, value: value.join("="), url }]);
    }
    const page = await context.newPage();
    const seen: Promise<{ script: boolean; body: Buffer | null; transferred: number }>[] = [];
    page.on("response", (res: Response) => {
      seen.push(
        (async () => {
          const body = await res.body().catch(() => null);
          const sizes = await res
            .request()
            .sizes()
            .catch(() => null);
          return {
            script: res.request().resourceType() === "script",
            body,
            transferred: sizes ? sizes.responseBodySize + sizes.responseHeadersSize : 0,
          };
        })(),
      );
    });
    const res = await page.goto(url, { waitUntil: "networkidle" });
    if (res?.status() !== 200) throw new Error(`${url}: HTTP ${res?.status()}`);
    const all = await Promise.all(seen);
    const w: Weight = { jsFiles: 0, jsRaw: 0, jsGzip: 0, files: 0, raw: 0, gzip: 0, transferred: 0 };
    for (const r of all) {
      const raw = r.body?.length ?? 0;
      const gz = r.body && raw ? gzipSync(r.body, { level: 6 }).length : 0;
      w.files += 1;
      w.raw += raw;
      w.gzip += gz;
      w.transferred += r.transferred;
      if (r.script) {
        w.jsFiles += 1;
        w.jsRaw += raw;
        w.jsGzip += gz;
      }
    }
    return w;
  } finally {
    await context.close();
  }
}

async function main(): Promise<void> {
  console.log(`# Page weight\n\n${machineLine()}\n`);
  console.log(
    "Production build, Chromium, fresh cache per page; kB = 1024 bytes. gzip: each file compressed at level 6; transferred: bodies as served plus headers.\n",
  );
  const rows = await onScratch("sqlite", "bench_pages", async (url) => {
    const app = await startApp(PORT, { databaseUrl: url });
    const { db } = createDb(url);
    const browser = await chromium.launch({
      executablePath,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    try {
      const actors = await demoActors(db);
      await insertCases(db, url, atScale(200, 40), actors);
      const rei = await db.centre.findUniqueOrThrow({ where: { code: "REI" } });
      const answers = sampleRecord(3);
      const form = await db.case.create({
        data: {
          initials: "PW",
          birthDate: "1966-06-06",
          centreId: rei.id,
          status: "DRAFT",
          answers: answers as object,
          computed: computeResults(answers, "1966-06-06") as object,
          createdById: actors.authorId,
          updatedById: actors.authorId,
        },
      });
      const cookies: Record<Role, string | null> = {
        anonymous: null,
        clinician: await signInOverHttp(app.baseUrl, ACCOUNTS.clinician, DEMO_PASSWORD),
        coordinator: await signInOverHttp(app.baseUrl, ACCOUNTS.coordinator, DEMO_PASSWORD),
      };
      const pages: { label: string; path: string; role: Role }[] = [
        { label: "login", path: "/login", role: "anonymous" },
        { label: "home (case list)", path: "/", role: "clinician" },
        { label: "new case (eligibility + key)", path: "/cases/new", role: "clinician" },
        { label: "**case form**", path: `/cases/${form.id}`, role: "clinician" },
        { label: "case history", path: `/cases/${form.id}/history`, role: "clinician" },
        { label: "queries", path: "/queries", role: "clinician" },
        { label: "print: index", path: "/print", role: "clinician" },
        { label: "print: blank CRF", path: "/print/blank", role: "clinician" },
        { label: "print: filled case", path: `/cases/${form.id}/print`, role: "clinician" },
        { label: "print: correspondence list", path: "/print/correspondence", role: "clinician" },
        { label: "dashboard", path: "/dashboard", role: "coordinator" },
        { label: "exports", path: "/exports", role: "coordinator" },
        { label: "admin: users", path: "/admin/users", role: "coordinator" },
        { label: "admin: centres", path: "/admin/centres", role: "coordinator" },
        { label: "admin: study", path: "/admin/study", role: "coordinator" },
        { label: "admin: outbox", path: "/admin/outbox", role: "coordinator" },
      ];
      const out: { label: string; path: string; role: Role; w: Weight }[] = [];
      for (const p of pages) {
        const w = await weigh(browser, `${app.baseUrl}${p.path}`, cookies[p.role]);
        out.push({ ...p, w });
        console.error(
          `  ${p.path.padEnd(36)} JS ${(w.jsGzip / 1024).toFixed(1)} kB gzip, all ${(w.gzip / 1024).toFixed(1)} kB gzip`,
        );
      }
      return out;
    } finally {
      await browser.close();
      await db.$disconnect();
      await app.stop();
    }
  });
  const kb = (n: number) => (n / 1024).toFixed(1);
  console.log(
    markdownTable(
      [
        "page",
        "path",
        "as",
        "scripts",
        "JS raw kB",
        "JS gzip kB",
        "files",
        "all raw kB",
        "all gzip kB",
        "transferred kB",
      ],
      rows.map((r) => [
        r.label,
        `\`${r.path.replace(/\/c[a-z0-9]{20,}/, "/[id]")}\``,
        r.role,
        r.w.jsFiles,
        kb(r.w.jsRaw),
        kb(r.w.jsGzip),
        r.w.files,
        kb(r.w.raw),
        kb(r.w.gzip),
        kb(r.w.transferred),
      ]),
      ["l", "l", "l", "r", "r", "r", "r", "r", "r", "r"],
    ),
  );
  const form = rows.find((r) => r.label.includes("case form"))!;
  const pass = form.w.jsGzip / 1024 < FORM_GOAL_KB;
  if (!pass) process.exitCode = 1;
  console.log(
    `\nForm page: ${pass ? "PASS" : "FAIL"} — ${kb(form.w.jsGzip)} kB of JavaScript gzipped (goal < ${FORM_GOAL_KB} kB).`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
