import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/i18n/messages/features/case-form.en.json";
import fr from "@/i18n/messages/features/case-form.fr.json";
import type { SaveStatus } from "@/components/crf/save-session";
import { conflictSummary, CONFLICT_SUMMARY_KINDS } from "@/components/crf/conflict-model";
import { unsavedState } from "@/components/crf/leave-guard";
import type { Conflict } from "@/domain/crf/merge";

const FIELD: Conflict = { kind: "field", path: "ferritin", mine: { v: 3000 }, theirs: { v: 2000 } };
const ROW_FIELD: Conflict = {
  kind: "rowField",
  path: "treatment_lines.r1.dose_value",
  block: "treatment_lines",
  rowId: "r1",
  field: "dose_value",
  mine: { v: 250 },
  theirs: { v: 300 },
};
const row = (id: string, mine: boolean, theirs: boolean): Conflict => {
  const values = { drug: { v: "anakinra" } };
  return {
    kind: "row",
    path: `treatment_lines.${id}`,
    block: "treatment_lines",
    rowId: id,
    mine: mine ? { id, values } : null,
    theirs: theirs ? { id, values: { ...values, route: { v: "iv" } } } : null,
  };
};

describe("leave guard — what leaving now would lose", () => {
  const cases: [SaveStatus, ReturnType<typeof unsavedState>][] = [
    [{ kind: "idle" }, null],
    [{ kind: "saved", at: "2026-01-01T10:00:00Z" }, null],
    [{ kind: "pending" }, "pending"],
    // Changes typed while a save is in flight wait for the next one.
    [{ kind: "saving" }, "pending"],
    [{ kind: "reason" }, "pending"],
    [{ kind: "invalid" }, "refused"],
    [{ kind: "error", message: { key: "generic.network" }, retrying: true }, "failed"],
    [{ kind: "error", message: { key: "generic.network" }, retrying: false }, "failed"],
  ];
  for (const [status, expected] of cases) {
    it(`${status.kind}${"retrying" in status ? ` (retrying: ${status.retrying})` : ""} → ${expected ?? "nothing"}`, () => {
      expect(unsavedState(status)).toBe(expected);
    });
  }
});

describe("leave guard — an open conflict is unsaved", () => {
  it("asks when a conflict is still open although every save went through", () => {
    expect(unsavedState({ kind: "saved", at: "2026-01-01T10:00:00Z" }, [FIELD])).toBe("conflict");
    expect(unsavedState({ kind: "idle" }, [row("r1", false, true)])).toBe("conflict");
    expect(unsavedState({ kind: "saved", at: "2026-01-01T10:00:00Z" }, [])).toBeNull();
  });

  it("says a failed, refused or pending save first: the more general loss", () => {
    expect(unsavedState({ kind: "error", message: { key: "generic.network" }, retrying: true }, [FIELD])).toBe(
      "failed",
    );
    expect(unsavedState({ kind: "invalid" }, [FIELD])).toBe("refused");
    expect(unsavedState({ kind: "pending" }, [ROW_FIELD])).toBe("pending");
  });
});

describe("conflict banner — worded per kind", () => {
  it("counts each kind, in a fixed order, and tells who deleted a row", () => {
    expect(conflictSummary([])).toEqual([]);
    expect(conflictSummary([ROW_FIELD, FIELD, FIELD])).toEqual([
      { kind: "field", count: 2 },
      { kind: "rowField", count: 1 },
    ]);
    expect(
      conflictSummary([row("r1", false, true), row("r2", true, false), row("r3", true, true), row("r4", false, true)]),
    ).toEqual([
      { kind: "rowDeletedByMe", count: 2 },
      { kind: "rowDeletedByThem", count: 1 },
      { kind: "rowChanged", count: 1 },
    ]);
  });

  const sentence = (messages: typeof fr, locale: "fr" | "en", conflicts: Conflict[]) => {
    const errors: string[] = [];
    const t = createTranslator({
      locale,
      messages,
      namespace: "caseForm.conflicts",
      onError: (e) => errors.push(e.message),
    });
    const text = [...conflictSummary(conflicts).map(({ kind, count }) => t(kind, { count })), t("choose")].join(" ");
    expect(errors).toEqual([]);
    return text;
  };

  it.each([
    [
      "fr",
      fr,
      [FIELD],
      "Une autre personne a modifié le même champ que vous pendant votre saisie. Choisissez ci-dessous la version à garder.",
    ],
    [
      "fr",
      fr,
      [row("r1", true, false)],
      "Une autre personne a supprimé une ligne pendant que vous la modifiiez. Choisissez ci-dessous la version à garder.",
    ],
    [
      "fr",
      fr,
      [row("r1", false, true), ROW_FIELD],
      "Une autre personne a modifié le même champ que vous dans une ligne pendant votre saisie. Vous avez supprimé une ligne pendant qu’une autre personne la modifiait. Choisissez ci-dessous la version à garder.",
    ],
    [
      "en",
      en,
      [row("r1", false, true)],
      "You deleted a row while someone else was changing it. Choose below the version to keep.",
    ],
    [
      "en",
      en,
      [FIELD, FIELD, row("r2", true, true)],
      "Someone else changed 2 of the fields you were changing while you were typing. A row was changed on both sides. Choose below the version to keep.",
    ],
  ] as const)("says it in %s: %#", (locale, messages, conflicts, expected) => {
    expect(sentence(messages, locale, [...conflicts])).toBe(expected);
  });

  it("has a sentence for every kind, never the field wording for a row", () => {
    for (const messages of [fr, en]) {
      for (const kind of CONFLICT_SUMMARY_KINDS) expect(messages.caseForm.conflicts[kind], kind).toBeTruthy();
      for (const kind of ["rowDeletedByMe", "rowDeletedByThem", "rowChanged"] as const)
        expect(messages.caseForm.conflicts[kind]).not.toMatch(/champ|field/);
    }
  });
});

describe("case form catalogue (caseForm), French and English", () => {
  const keysOf = (o: object, prefix = ""): string[] =>
    Object.entries(o).flatMap(([k, v]) =>
      v && typeof v === "object" ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`],
    );

  it("has the same keys in both languages", () => {
    expect(keysOf(en).sort()).toEqual(keysOf(fr).sort());
  });

  it.each([
    [
      "fr",
      fr,
      "failed",
      "L'enregistrement automatique a échoué : vos dernières modifications ne sont pas enregistrées. Quitter la page quand même ? Ce qui n’est pas enregistré serait perdu.",
    ],
    [
      "fr",
      fr,
      "pending",
      "Vos dernières modifications ne sont pas encore enregistrées. Quitter la page quand même ? Ce qui n’est pas enregistré serait perdu.",
    ],
    ["en", en, "refused", "A refused value was not saved. Leave the page anyway? What is not saved would be lost."],
    [
      "en",
      en,
      "pending",
      "Your latest changes are not saved yet. Leave the page anyway? What is not saved would be lost.",
    ],
    [
      "fr",
      fr,
      "conflict",
      "Un choix reste à faire entre votre version et celle d’une autre personne : la vôtre n’est pas enregistrée. Quitter la page quand même ? Ce qui n’est pas enregistré serait perdu.",
    ],
    [
      "en",
      en,
      "conflict",
      "A choice between your version and someone else's is still open: yours is not saved. Leave the page anyway? What is not saved would be lost.",
    ],
  ] as const)("formats the leave question (%s, %s)", (locale, messages, state, expected) => {
    const errors: string[] = [];
    const t = createTranslator({
      locale,
      messages,
      namespace: "caseForm.leave",
      onError: (e) => errors.push(e.message),
    });
    expect(t("confirm", { state })).toBe(expected);
    expect(errors).toEqual([]);
  });
});
