// One name per missing-data code, everywhere: the French buttons say NR (non renseigné) and NF
// (non fait); the English ones NK and ND. No French text of the definition may name the English code.
import { describe, expect, it } from "vitest";
import { BLOCKS, TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import fr from "@/i18n/messages/features/form.fr.json" with { type: "json" };

const texts = [...TOP_LEVEL_FIELDS, ...BLOCKS.flatMap((b) => [b, ...b.fields])].flatMap((f) => [
  { id: f.id, fr: f.label.fr, en: f.label.en },
  ...(f.help ? [{ id: f.id, fr: f.help.fr, en: f.help.en }] : []),
]);

describe("missing-data codes have one name per language", () => {
  it("the French buttons are NR and NF", () => {
    const code = (fr as { form: { code: Record<string, { short: string }> } }).form.code;
    expect([code.NK?.short, code.ND?.short]).toEqual(["NR", "NF"]);
  });
  for (const t of texts) {
    it(`${t.id}: French text names NR/NF, never ND/NK`, () => {
      // "NK" alone is also the natural-killer cell: only the quoted code and a bare ND are refused.
      expect(t.fr).not.toMatch(/«\s*(ND|NK)\s*»|"(ND|NK)"|\bND\b/);
    });
  }
});
