// Phrasings of the course read from one phrase each (MMT8 as a score out of 80, ICU length of stay,
// DM activity at the MAS and at a follow-up visit), found by held-out documents; patient.ts applies
// them after its own rules, so an earlier, more specific rule keeps precedence.
import type { FieldId } from "@/domain/crf/definition";

export interface Rule {
  readonly field: FieldId;
  readonly re: RegExp;
  readonly value: (m: RegExpExecArray) => string | number | undefined;
  readonly rule: string;
  /** Skip the match when negated / hypothetical (default true). */
  readonly qualified?: boolean;
}

const num = (s: string) => Number(s.replace(",", "."));

export const COURSE_RULES: readonly Rule[] = [
  {
    // « testing 72/80 »: a score out of 80 is the MMT8.
    field: "mmt8",
    re: /(?<![a-z])testing(?: musculaire)?\s*(?:a|de|:|=)?\s*(\d{1,2})\s?\/\s?80(?![0-9])/,
    value: (m) => num(m[1]!),
    rule: "mmt8",
    qualified: false,
  },
  {
    // "admitted to ICU on 19/01/2020 for 6 days", « transféré en réanimation pendant 6 jours ».
    field: "icu_stay_days",
    re: /(?:icu|reanimation|intensive care)(?![a-z])[^.;]{0,40}? (?:for|pendant|durant) (\d{1,3}) (?:jours?|days?)(?![a-z])/,
    value: (m) => Number(m[1]),
    rule: "icu.stay",
    qualified: false,
  },
  {
    // « Revu en consultation le 14 mai 2019 : DM peu active », "Seen in clinic on 3 April: DM clinically inactive".
    field: "dm_status_last",
    re: /(?:ce jour|revue? en consult(?:ation)?|vue? en consult(?:ation)?|seen (?:again )?in clinic|reviewed in clinic|clinic review)[^.;]{0,60}?(?:dm|dermatomyosite|dermatomyositis|myositis)[^.;]{0,25}?(?<![a-z])(remission|faible activite|peu active|low (?:disease )?activity|(?:clinically )?inactive|quiescent|active|evolutive)(?![a-z])/,
    value: (m) =>
      /remission|inactive|quiescent/.test(m[1]!)
        ? "remission"
        : /faible|peu|low/.test(m[1]!)
          ? "low_activity"
          : "active",
    rule: "dm.status_last",
  },
  {
    // « réactivation EBV sur (une) DM active », "in the context of active dermatomyositis".
    field: "dm_activity_at_sam",
    re: /(?:sur(?: une)?|dans un contexte de|au cours d'une|in the context of|on a background of) (?:dm|dermatomyosite|dermatomyositis) (?:active|evolutive)(?![a-z])/,
    value: () => "active",
    rule: "dm.activity",
  },
];
