// The dashboard's page body rendered on the server, in French and English, from figures computed over
// generated records: every figure of the lists is there with its chart container and its table, the
// tables hold the numbers of the statistics, and the empty and long-curve forms render too.
import { createElement } from "react";
import { describe, expect, it, vi } from "vitest";
import { computeResults } from "@/domain/crf/computed";
import type { CaseAnswers } from "@/domain/crf/answers";
import { knownOf, percentOf } from "@/domain/stats/counts";
import { dashboardStats, type CaseForStats } from "@/domain/stats/dashboard";
import { catalogue } from "@/i18n/catalogue";
import type { Locale } from "@/i18n/locales";
import type { DashboardData } from "@/server/dashboard.server";
import { sampleRecord } from "../../../scripts/lib/sample-record";

const state = vi.hoisted(() => ({ locale: "fr" as "fr" | "en" }));
vi.mock("next-intl/server", async () => {
  const { createTranslator } = await import("next-intl");
  return {
    getTranslations: async (namespace: string) =>
      createTranslator({
        locale: state.locale,
        messages: catalogue(state.locale) as never,
        namespace: namespace as never,
      }),
  };
});
vi.mock("next/link", () => ({ default: (props: { href: string; children: unknown }) => createElement("a", props) }));

const { DashboardView } = await import("@/components/dashboard/dashboard-view");
const { DESCRIPTIVE_SECTION } = await import("@/components/dashboard/descriptive-figures");
const { INCLUSIONS_SECTION } = await import("@/components/dashboard/inclusion-figures");
const { OUTCOMES_SECTION } = await import("@/components/dashboard/outcome-figures");
const { formatter } = await import("@/components/dashboard/format");

function record(seed: number, fields: CaseAnswers["fields"]): CaseAnswers {
  const base = sampleRecord(1 + (seed % 3), seed);
  return { fields: { ...base.fields, ...fields }, blocks: base.blocks };
}

function data(cases: readonly { centre: string; answers: CaseAnswers; status: string }[]): DashboardData {
  const centres = [
    { code: "LYO", name: "HCL Lyon" },
    { code: "PAR", name: "AP-HP Paris" },
    { code: "REI", name: "CHU de Reims" },
  ];
  const rows: CaseForStats[] = cases.map((c, i) => ({
    centreCode: c.centre,
    status: c.status,
    entryMonth: `2026-0${1 + (i % 9)}`,
    answers: c.answers,
    computed: computeResults(c.answers, "1960-01-01"),
    openQueries: i % 2,
  }));
  return {
    ...dashboardStats(rows, centres),
    filters: { centre: null, status: null },
    centreOptions: centres,
    generatedAt: new Date("2026-10-01T10:00:00Z"),
  };
}

const CENTRES = ["REI", "PAR", "LYO"];
const STATUSES = ["VALIDATED", "SUBMITTED", "LOCKED", "QUERIED", "DRAFT"];
const varied = data(
  Array.from({ length: 9 }, (_, i) => ({
    centre: CENTRES[i % 3]!,
    status: STATUSES[i % 5]!,
    answers: record(i, {
      sam_date: { v: `201${i}-0${1 + (i % 9)}-1${i % 9}` },
      ...(i % 3 === 1
        ? {
            death: { v: "yes" },
            death_date: { v: `201${i}-1${i % 3}` },
            last_followup_date: { v: `201${i}-1${i % 3}` },
            death_cause: { v: i % 2 ? "sam" : "infection" },
          }
        : { last_followup_date: { v: `202${i % 5}-0${1 + (i % 9)}-01` } }),
    }),
  })),
);
// Enough distinct follow-up times for the Kaplan–Meier table to be read month by month.
const long = data(
  Array.from({ length: 260 }, (_, i) => {
    const day = new Date(Date.UTC(2010, 0, 1) + i * 86_400_000 * 7).toISOString().slice(0, 10);
    return {
      centre: CENTRES[i % 3]!,
      status: "VALIDATED",
      answers: record(i, { sam_date: { v: "2009-06-01" }, last_followup_date: { v: day } }),
    };
  }),
);
const screenOnly = data([
  {
    centre: "REI",
    status: "DRAFT",
    answers: {
      fields: {
        elig_dm: { v: "yes" },
        elig_sam: { v: "yes" },
        sam_date: { v: "2015-04-10" },
        elig_france: { v: "yes" },
      },
      blocks: {},
    },
  },
]);

async function render(d: DashboardData, locale: Locale): Promise<string> {
  state.locale = locale;
  const { renderToReadableStream } = await import("react-dom/server");
  const stream = await renderToReadableStream(await DashboardView({ data: d, locale }));
  await stream.allReady;
  return new Response(stream).text();
}

/** The cells of a table row, by the test id of its table and the text of its row header. */
function rowCells(html: string, tableId: string, header: string): string[] {
  const table = html.slice(html.indexOf(`data-testid="${tableId}"`));
  const body = table.slice(0, table.indexOf("</table>"));
  const row = body.split("<tr").find((r) => r.includes(`<th scope="row">${header}</th>`));
  if (!row) throw new Error(`no row ${header} in ${tableId}`);
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]!);
}

const FIGURES = [...INCLUSIONS_SECTION.rows, ...DESCRIPTIVE_SECTION.rows, ...OUTCOMES_SECTION.rows]
  .flat()
  .filter((s) => s.kind !== "counts-table");

describe("the dashboard view", () => {
  it("draws every figure of the lists as a chart followed by its table, in both languages", async () => {
    for (const locale of ["fr", "en"] as const) {
      const html = await render(varied, locale);
      for (const spec of FIGURES) {
        const at = html.indexOf(`data-testid="figure-${spec.id}"`);
        expect(at, spec.id).toBeGreaterThan(0);
        const chart = html.indexOf(`data-testid="chart-${spec.id}"`, at);
        const table = html.indexOf("<table", at);
        expect(chart, spec.id).toBeGreaterThan(at);
        expect(table, spec.id).toBeGreaterThan(chart);
      }
      for (const id of ["table-outcomes", "table-relapses", "table-hscore-cutoff", "table-supportive"])
        expect(html).toContain(`data-testid="${id}"`);
    }
  });

  it("puts the statistics' numbers in the tables", async () => {
    const html = await render(varied, "fr");
    const mda5 = varied.antibodies.find((a) => a.field === "anti_mda5")!.counts;
    const N = varied.totalCases;
    const fmt = formatter("fr");
    const positive = mda5.options.positive ?? 0;
    const negative = mda5.options.negative ?? 0;
    expect(rowCells(html, "table-antibodies", "Anticorps anti-MDA5")).toEqual([
      fmt.np(positive, N),
      fmt.np(negative, N),
      fmt.np(mda5.options.not_tested ?? 0, N),
      fmt.np(mda5.total - knownOf(mda5), N),
      fmt.pct(percentOf(positive, positive + negative)),
    ]);
    const deaths = varied.outcomes.deathCause.total;
    expect(deaths).toBeGreaterThan(0);
    expect(rowCells(html, "table-death-causes", "Décès")).toEqual([fmt.n(deaths)]);
    expect(html).toContain(`${varied.survival.km.n} cas dans l&#x27;estimation`);
    // Every centre's row, then all of them in the footer; month columns spelled out.
    const rei = varied.centres.find((c) => c.code === "REI")!;
    expect(rowCells(html, "table-centres", "REI — CHU de Reims").slice(0, 6)).toEqual([
      ...["DRAFT", "SUBMITTED", "QUERIED", "VALIDATED", "LOCKED"].map((s) => fmt.n(rei.byStatus[s as "DRAFT"])),
      fmt.n(rei.total),
    ]);
    expect(rowCells(html, "table-centres", "Tous les centres")[5]).toBe(fmt.n(varied.totalCases));
    expect(html).toContain('<abbr title="janvier">janv.</abbr>');
  });

  it("reads a long curve month by month, and says when there is no treatment to show", async () => {
    const longHtml = await render(long, "en");
    expect(long.survival.km.steps.length).toBeGreaterThan(240);
    expect(longHtml).toContain(`Curve table, month by month (${long.survival.km.steps.length} observed times)`);
    const empty = await render(screenOnly, "fr");
    const treatments = empty.slice(empty.indexOf('data-testid="figure-treatments"'));
    expect(treatments.slice(0, treatments.indexOf("</figure>"))).toContain("Aucune donnée.");
    expect(empty).not.toContain('data-testid="chart-treatments"');
    expect(empty).not.toContain('data-testid="chart-death-causes"');
    expect(empty).toContain('data-testid="table-death-causes"');
  });
});
