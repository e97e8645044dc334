import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import en from "@/i18n/messages/features/case-form.en.json";
import fr from "@/i18n/messages/features/case-form.fr.json";
import type { SaveStatus } from "@/components/crf/autosave";
import { unsavedState } from "@/components/crf/leave-guard";

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

describe("case form catalogue (caseForm), French and English", () => {
  const keysOf = (o: object, prefix = ""): string[] =>
    Object.entries(o).flatMap(([k, v]) => (v && typeof v === "object" ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));

  it("has the same keys in both languages", () => {
    expect(keysOf(en).sort()).toEqual(keysOf(fr).sort());
  });

  it.each([
    ["fr", fr, "failed", "L'enregistrement automatique a échoué : vos dernières modifications ne sont pas enregistrées. Quitter la page quand même ? Ce qui n’est pas enregistré serait perdu."],
    ["fr", fr, "pending", "Vos dernières modifications ne sont pas encore enregistrées. Quitter la page quand même ? Ce qui n’est pas enregistré serait perdu."],
    ["en", en, "refused", "A refused value was not saved. Leave the page anyway? What is not saved would be lost."],
    ["en", en, "pending", "Your latest changes are not saved yet. Leave the page anyway? What is not saved would be lost."],
  ] as const)("formats the leave question (%s, %s)", (locale, messages, state, expected) => {
    const errors: string[] = [];
    const t = createTranslator({ locale, messages, namespace: "caseForm.leave", onError: (e) => errors.push(e.message) });
    expect(t("confirm", { state })).toBe(expected);
    expect(errors).toEqual([]);
  });
});
