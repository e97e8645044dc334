// The extractor's proposals as the panel shows and applies them: one item per
// field or per new block row, grouped by CRF section, each with the stored
// answer(s) it would set. Pure: no React; the form state is read by the panel.
import type { FieldAnswer } from "@/domain/crf/answers";
import { CRF, type BlockFieldId } from "@/domain/crf/definition";
import { isBlock, type BlockDef, type FieldDef, type SectionId } from "@/domain/crf/types";
import type { Evidence, Extraction, ProposedValue } from "@/domain/prefill/types";
import type { Locale } from "@/domain/locale";
import { describeAnswer } from "../describe-answer";

export type PrefillTarget =
  | { readonly kind: "field"; readonly field: FieldDef; readonly answer: FieldAnswer }
  | { readonly kind: "row"; readonly block: BlockDef; readonly values: Readonly<Record<string, FieldAnswer>> };

export interface PrefillItem {
  readonly key: string;
  readonly section: SectionId;
  readonly label: string;
  readonly shown: string;
  readonly note?: string;
  readonly evidence: Evidence;
  readonly rule: string;
  readonly target: PrefillTarget;
}

const answerOf = (v: ProposedValue): FieldAnswer =>
  typeof v === "object" && !Array.isArray(v)
    ? { code: (v as { code: "NK" | "ND" }).code }
    : { v: v as FieldAnswer["v"] };

function locate(id: string): { field: FieldDef; section: SectionId } | undefined {
  for (const s of CRF.sections)
    for (const item of s.items) if (!isBlock(item) && item.id === id) return { field: item, section: s.id };
  return undefined;
}

function locateBlock(id: string): { block: BlockDef; section: SectionId } | undefined {
  for (const s of CRF.sections)
    for (const item of s.items) if (isBlock(item) && item.id === id) return { block: item, section: s.id };
  return undefined;
}

const ORDER = new Map(CRF.sections.map((s, i) => [s.id, i]));

export function prefillItems(x: Extraction, locale: Locale): PrefillItem[] {
  const items: PrefillItem[] = [];
  for (const p of Object.values(x.fields)) {
    const where = locate(p.field);
    if (!where) continue;
    const answer: FieldAnswer = p.entered
      ? { ...answerOf(p.value), unit: p.entered.unit, entered: p.entered.value }
      : answerOf(p.value);
    const shown = describeAnswer(where.field, answer, locale);
    // "2,1 g/L → 2,37 mmol/L": the conversion the form will make, shown before accepting.
    const canonical = where.field.type === "number" ? where.field.unit?.id : undefined;
    const note = p.entered ? `→ ${describeAnswer(where.field, { v: answer.v, unit: canonical }, locale)}` : undefined;
    items.push({
      key: `f:${p.field}`,
      section: where.section,
      label: where.field.label[locale],
      shown,
      note,
      evidence: p.evidence,
      rule: p.rule,
      target: { kind: "field", field: where.field, answer },
    });
  }
  for (const [blockId, rows] of Object.entries(x.blocks)) {
    const where = locateBlock(blockId);
    if (!where) continue;
    rows.forEach((row, i) => {
      const values: Record<string, FieldAnswer> = {};
      const parts: string[] = [];
      for (const f of where.block.fields) {
        const v = row.values[f.id];
        if (v === undefined) continue;
        values[f.id] = answerOf(v);
        parts.push(
          f.id === ("drug_other" satisfies BlockFieldId) || f.id === ("drug" satisfies BlockFieldId)
            ? describeAnswer(f, values[f.id], locale)
            : `${f.label[locale]} : ${describeAnswer(f, values[f.id], locale)}`,
        );
      }
      items.push({
        key: `b:${blockId}:${i}`,
        section: where.section,
        label: `${where.block.label[locale]} — ${where.block.rowLabel[locale]}`,
        shown: parts.join(" · "),
        evidence: row.evidence,
        rule: row.rule,
        target: { kind: "row", block: where.block, values },
      });
    });
  }
  return items.sort(
    (a, b) => (ORDER.get(a.section) ?? 0) - (ORDER.get(b.section) ?? 0) || a.evidence.start - b.evidence.start,
  );
}
