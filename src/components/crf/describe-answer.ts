// A stored answer as a person reads it (conflict view, history).
import type { FieldAnswer } from "@/domain/crf/answers";
import { formatDateForInput } from "@/domain/crf/date-input";
import type { FieldDef } from "@/domain/crf/types";
import type { Locale } from "@/domain/locale";

export function describeAnswer(field: FieldDef | undefined, a: FieldAnswer | null | undefined, locale: Locale): string {
  if (!a) return "∅";
  if (a.code) return a.code;
  if (a.v === undefined) return "∅";
  const values = Array.isArray(a.v) ? a.v : [a.v];
  const text = values
    .map((v) => {
      if (field && (field.type === "choice" || field.type === "multi"))
        return field.options.find((o) => o.value === v)?.label[locale] ?? String(v);
      if (field?.type === "yesno")
        return v === "yes" ? (locale === "fr" ? "Oui" : "Yes") : locale === "fr" ? "Non" : "No";
      if (field?.type === "date" && typeof v === "string") return formatDateForInput(v);
      if (field?.type === "number") {
        const unit = [field.unit, ...(field.altUnits ?? [])].find((u) => u?.id === a.unit);
        const shown = a.entered ?? v;
        return `${String(shown).replace(".", locale === "fr" ? "," : ".")}${unit ? ` ${unit.label[locale]}` : ""}`;
      }
      return String(v);
    })
    .join(", ");
  return a.confirmed ? `${text} ✔` : text;
}
