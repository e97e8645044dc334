// Drives one round of the generated plan through the form as a user would
// (machine pace: fill and move on; human pace: typed key by key, Tab between
// fields), then reads what the database holds and what the page shows.
import { expect, type Locator, type Page } from "@playwright/test";
import { asCaseAnswers, type CaseAnswers, type FieldAnswer } from "@/domain/crf/answers";
import { formatDateForInput } from "@/domain/crf/date-input";
import { parseLocaleNumber } from "@/domain/crf/numbers";
import { CRF } from "@/domain/crf/definition";
import { isBlock, type BlockDef, type FieldDef } from "@/domain/crf/types";
import { createDb } from "@/server/db/create-db";
import { answersOf, isShown, type Planned, type Round } from "./plan";
import { typedFor, type Locale, type Typed } from "./values";

export type Pace = "machine" | "human";

const DATABASE_URL = `file:./data/e2e-${process.env.E2E_PORT ?? "3100"}.db`;

let opened: ReturnType<typeof createDb> | undefined;

/** A case's stored answers, read straight from the journeys' database. */
export async function storedAnswers(caseId: string): Promise<CaseAnswers> {
  opened ??= createDb(DATABASE_URL);
  const row = await opened.db.case.findUnique({ where: { id: caseId }, select: { answers: true } });
  return asCaseAnswers(typeof row?.answers === "string" ? JSON.parse(row.answers) : row?.answers);
}

export async function closeDatabase(): Promise<void> {
  await opened?.db.$disconnect();
  opened = undefined;
}

/** What is compared: the canonical value, unit and entered value, or the code (not confirmations). */
const essence = (a: FieldAnswer | undefined) =>
  a ? JSON.stringify({ v: a.v, unit: a.unit, entered: a.entered, code: a.code }) : "∅";

function flatten(a: CaseAnswers, fieldIds: ReadonlySet<string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [id, v] of Object.entries(a.fields)) if (fieldIds.has(id)) out[id] = essence(v);
  for (const [block, rows] of Object.entries(a.blocks))
    for (const row of rows)
      for (const [id, v] of Object.entries(row.values)) out[`${block}.${row.id}.${id}`] = essence(v);
  return out;
}

const TOP_IDS = new Set(
  CRF.sections
    .flatMap((s) => s.items)
    .filter((i) => !isBlock(i))
    .map((i) => i.id),
);

/** Waits until the database holds exactly `expected` for every field of the form. */
export async function expectStored(caseId: string, expected: CaseAnswers): Promise<void> {
  const want = flatten(expected, TOP_IDS);
  await expect
    .poll(async () => flatten(await storedAnswers(caseId), TOP_IDS), { timeout: 20_000, intervals: [250, 500, 1000] })
    .toEqual(want);
}

async function enter(page: Page, root: Locator, field: FieldDef, typed: Typed, pace: Pace): Promise<void> {
  await expect(root).toBeVisible();
  if (typed.code) {
    await root
      .locator(".crf-codes button")
      .nth(typed.code === "NK" ? 0 : 1)
      .click();
    return;
  }
  if (typed.options) {
    if (field.type === "multi") {
      for (const o of field.options)
        await root.locator(`input[type=checkbox][value="${o.value}"]`).setChecked(typed.options.includes(o.value));
    } else if ((await root.locator(`input[type=radio]`).count()) > 0) {
      await root.locator(`input[type=radio][value="${typed.options[0]}"]`).check();
    } else {
      await root.locator("select").first().selectOption(typed.options[0]!);
    }
    return;
  }
  if (typed.unit && (await root.locator("select").count()) > 0)
    await root.locator("select").first().selectOption(typed.unit);
  const input = root.locator("input[type=text], textarea").first();
  if (pace === "human") {
    // A person selects what the field already holds (the MAS date from the eligibility screen) and types over it.
    await input.click();
    await input.press("ControlOrMeta+a");
    await input.pressSequentially(typed.text ?? "", { delay: 35 });
    await page.keyboard.press("Tab");
  } else {
    await input.fill(typed.text ?? "");
  }
}

async function expectShown(root: Locator, field: FieldDef, typed: Typed): Promise<void> {
  if (typed.code) {
    await expect(root.locator(".crf-codes button").nth(typed.code === "NK" ? 0 : 1)).toHaveAttribute(
      "aria-pressed",
      "true",
    );
    return;
  }
  if (typed.options) {
    if (field.type === "multi" || (await root.locator("input[type=radio]").count()) > 0) {
      for (const o of typed.options) await expect(root.locator(`input[value="${o}"]`)).toBeChecked();
    } else await expect(root.locator("select").first()).toHaveValue(typed.options[0]!);
    return;
  }
  const input = root.locator("input[type=text], textarea").first();
  if (field.type === "number" || field.type === "dose") {
    const shown = parseLocaleNumber(await input.inputValue());
    expect(shown, `${field.id} shows ${await input.inputValue()}`).toBe(parseLocaleNumber(typed.text ?? ""));
    if (typed.unit && (await root.locator("select").count()) > 0)
      await expect(root.locator("select").first()).toHaveValue(typed.unit);
  } else if (field.type === "date") {
    await expect(input).toHaveValue(formatDateForInput(String(typed.expected.v)));
  } else await expect(input).toHaveValue(typed.text ?? "");
}

const rootOf = (page: Page, path: string) => page.locator(`[data-field="${path}"]`);

export interface Entered {
  rowIds: Record<string, string[]>;
  /** Every entry made, with its path, to check the page after a reload. */
  entries: { path: string; field: FieldDef; typed: Typed }[];
}

/** Enters the round in section order; rows are added as the block comes. */
export async function enterRound(page: Page, round: Round, locale: Locale, pace: Pace): Promise<Entered> {
  const shown = answersOf(round, {});
  const out: Entered = { rowIds: {}, entries: [] };
  const typedOf = (f: FieldDef, p: Planned) => typedFor(f, p.item, locale, p.dose);
  for (const item of CRF.sections.flatMap((s) => s.items)) {
    if (!isBlock(item)) {
      if (!isShown(shown, item.id)) continue;
      const typed = typedOf(item, round.fields.get(item.id)!);
      await enter(page, rootOf(page, item.id), item, typed, pace);
      out.entries.push({ path: item.id, field: item, typed });
      continue;
    }
    out.rowIds[item.id] = await enterRows(page, item, round, shown, locale, pace, out);
  }
  return out;

  async function enterRows(
    page: Page,
    block: BlockDef,
    round: Round,
    shown: CaseAnswers,
    locale: Locale,
    pace: Pace,
    acc: Entered,
  ) {
    const rows = round.rows[block.id] ?? [];
    const section = page.locator(`section[data-block="${block.id}"]`);
    if (rows.length === 0 || !(await section.isVisible())) return [];
    const ids: string[] = [];
    for (let r = 0; r < rows.length; r++) {
      await section.locator(":scope > button.button--secondary").click();
      const rowId = await section.locator("fieldset.crf-row").nth(r).getAttribute("data-row");
      ids.push(rowId!);
      for (const f of block.fields) {
        if (!isShown(shown, f.id, { id: block.id, row: r })) continue;
        const typed = typedOf(f, rows[r]!.get(f.id)!);
        const path = `${block.id}.${rowId}.${f.id}`;
        await enter(page, rootOf(page, path), f, typed, pace);
        acc.entries.push({ path, field: f, typed });
      }
    }
    return ids;
  }
}

export async function expectPageShows(page: Page, entered: Entered): Promise<void> {
  for (const e of entered.entries) await expectShown(rootOf(page, e.path), e.field, e.typed);
}

/** Sets each opening controller back; what it showed must then be stored as NA. */
export async function closeConditions(page: Page, round: Round, entered: Entered, locale: Locale): Promise<void> {
  for (const c of round.closings) {
    const parts = c.controller.split(".");
    const [blockId, r, fieldId] =
      parts.length === 3 ? (parts as [string, string, string]) : [undefined, undefined, parts[0]!];
    const block = blockId
      ? CRF.sections.flatMap((s) => s.items).find((i): i is BlockDef => isBlock(i) && i.id === blockId)
      : undefined;
    const field = (
      block ? block.fields : CRF.sections.flatMap((s) => s.items).filter((i): i is FieldDef => !isBlock(i))
    ).find((f) => f.id === fieldId)!;
    const path = block ? `${blockId}.${entered.rowIds[blockId!]?.[Number(r)]}.${fieldId}` : fieldId;
    const root = rootOf(page, path);
    if (!(await root.isVisible())) continue;
    await enter(page, root, field, typedFor(field, c.item, locale), "machine");
  }
}
