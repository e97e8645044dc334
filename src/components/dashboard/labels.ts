// Field and option labels for the dashboard, from the form's definition, in the
// interface language.
import { labelOf, type BlockFieldId, type FieldId } from "@/domain/crf/definition";
import type { OptionDef } from "@/domain/crf/types";
import { NO_DRUG } from "@/domain/stats/dashboard";
import { optionsOf, rowOptionsOf, TREATMENT_BLOCK } from "@/domain/stats/study-fields";
import type { Locale } from "@/i18n/locales";

export function fieldLabel(id: string, locale: Locale): string {
  return labelOf(id)[locale];
}

function optionLabelIn(options: readonly OptionDef[], value: string, locale: Locale): string {
  return options.find((o) => o.value === value)?.label[locale] ?? value;
}

/** A top-level field's option (yes/no included). */
export function optionLabel(fieldId: FieldId, value: string, locale: Locale): string {
  return optionLabelIn(optionsOf(fieldId), value, locale);
}

/** A treatment line's option (drug, response…). */
export function treatmentOptionLabel(
  fieldId: BlockFieldId<typeof TREATMENT_BLOCK>,
  value: string,
  locale: Locale,
): string {
  return optionLabelIn(rowOptionsOf(TREATMENT_BLOCK, fieldId), value, locale);
}

export function drugLabel(drug: string, locale: Locale, noDrug: string): string {
  return drug === NO_DRUG ? noDrug : treatmentOptionLabel("drug", drug, locale);
}
