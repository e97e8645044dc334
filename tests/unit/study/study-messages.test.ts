import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { studyMessages } from "@/domain/study.messages";
import adminEn from "@/i18n/messages/features/admin.en.json";
import adminFr from "@/i18n/messages/features/admin.fr.json";
import studyEn from "@/i18n/messages/features/study.en.json";
import studyFr from "@/i18n/messages/features/study.fr.json";

function leaves(obj: unknown, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    if (typeof v === "string") out[`${prefix}${k}`] = v;
    else Object.assign(out, leaves(v, `${prefix}${k}.`));
  }
  return out;
}

const PARAMS = {
  closing: "2026-06-30",
  graceEnd: "2026-07-15",
  grace: "yes",
  opening: "2026-01-01",
  reminder: "2026-04-01",
  max: 365,
  code: "REI",
  email: "a@b.c",
  day: 45,
  total: 182,
  left: 3,
  days: 2,
  count: 2,
  date: "1 janvier 2026",
};

describe("study and administration messages", () => {
  for (const [name, fr, en] of [
    ["errors (study.messages.ts)", studyMessages.fr, studyMessages.en],
    ["study feature texts", studyFr, studyEn],
    ["admin feature texts", adminFr, adminEn],
  ] as const) {
    it(`${name}: French and English have the same keys, and each is valid ICU`, () => {
      const f = leaves(fr);
      const e = leaves(en);
      expect(Object.keys(e).sort()).toEqual(Object.keys(f).sort());
      for (const [locale, messages] of [
        ["fr", fr],
        ["en", en],
      ] as const) {
        const errors: string[] = [];
        const t = createTranslator({ locale, messages: messages as never, onError: (err) => errors.push(err.message) });
        for (const key of Object.keys(leaves(messages)))
          expect((t as unknown as (k: string, p: object) => string)(key, PARAMS)).not.toBe("");
        expect(errors, locale).toEqual([]);
      }
    });
  }

  it("the closing message names the grace period only when there is one", () => {
    const t = createTranslator({ locale: "fr", messages: studyMessages.fr as never });
    const say = t as unknown as (k: string, p: object) => string;
    expect(say("study.closed", { closing: "2026-06-30", graceEnd: "2026-07-15", grace: "yes" })).toContain(
      "délai de grâce jusqu’au 2026-07-15",
    );
    expect(say("study.closed", { closing: "2026-06-30", graceEnd: "2026-06-30", grace: "no" })).not.toContain("grâce");
  });

  it("uses top-level error namespaces that the app's catalogue does not already use", async () => {
    const base = (await import("@/i18n/messages/features/errors.fr.json")).default as {
      errors: Record<string, unknown>;
    };
    for (const ns of Object.keys(studyMessages.fr)) expect(Object.keys(base.errors)).not.toContain(ns);
  });
});
