// The only identifiers a case ever has (protocol, pseudonymisation rule): two
// name letters, the birth date and the three-letter centre code. One Zod
// schema serves the browser form and the server action.
import { z } from "zod";
import { fieldId, labelOf } from "./crf/definition";
import { isIsoDate, todayIso } from "./dates";
import { eligibilityShape } from "./eligibility";

export const MIN_BIRTH_DATE = "1900-01-01";

/** "é" → "E", lower → upper; dots, spaces and hyphens between letters are dropped. */
export function normaliseInitials(raw: string): string {
  return raw
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[\s.\-]/g, "")
    .toUpperCase();
}

export function normaliseCentreCode(raw: string): string {
  return raw.trim().toUpperCase();
}

export const initialsSchema = z
  .string()
  .superRefine((raw, ctx) => {
    const value = normaliseInitials(raw);
    if (value.length === 0) {
      ctx.addIssue({ code: "custom", message: "initials.required" });
    } else if (/\d/.test(value)) {
      ctx.addIssue({ code: "custom", message: "initials.digits" });
    } else if (!/^[A-Z]+$/.test(value)) {
      ctx.addIssue({ code: "custom", message: "initials.letters" });
    } else if (value.length > 2) {
      // Three letters or more is most often a name typed in full: a direct identifier.
      ctx.addIssue({ code: "custom", message: "initials.tooLong", params: { count: value.length } });
    } else if (value.length < 2) {
      ctx.addIssue({ code: "custom", message: "initials.tooShort" });
    }
  })
  .transform(normaliseInitials);

export function birthDateSchema(today: string) {
  return z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      if (value.length === 0) ctx.addIssue({ code: "custom", message: "birthDate.required" });
      else if (!isIsoDate(value)) ctx.addIssue({ code: "custom", message: "birthDate.invalid" });
      else if (value < MIN_BIRTH_DATE)
        ctx.addIssue({ code: "custom", message: "birthDate.tooOld", params: { min: MIN_BIRTH_DATE } });
      else if (value >= today) ctx.addIssue({ code: "custom", message: "birthDate.future", params: { today } });
    });
}

export function centreCodeSchema(centreCodes: readonly string[]) {
  return z
    .string()
    .transform(normaliseCentreCode)
    .superRefine((value, ctx) => {
      if (!/^[A-Z]{3}$/.test(value)) ctx.addIssue({ code: "custom", message: "centreCode.format" });
      else if (!centreCodes.includes(value))
        ctx.addIssue({ code: "custom", message: "centreCode.unknown", params: { code: value } });
    });
}

export interface CaseKeySchemaOptions {
  /** The study's registered centre codes. */
  centreCodes: readonly string[];
  /** YYYY-MM-DD; defaults to today in France. */
  today?: string;
}

export function caseKeySchema({ centreCodes, today = todayIso() }: CaseKeySchemaOptions) {
  return z.strictObject({
    initials: initialsSchema,
    birthDate: birthDateSchema(today),
    centreCode: centreCodeSchema(centreCodes),
  });
}

/** The "new case" screen: eligibility first, then the key; MAS after birth. */
export function newCaseSchema(options: CaseKeySchemaOptions) {
  return caseKeySchema(options)
    .extend(eligibilityShape)
    .superRefine((v, ctx) => {
      if (/^\d{4}-\d{2}-\d{2}$/.test(v.sam_date) && v.birthDate && v.sam_date <= v.birthDate) {
        ctx.addIssue({
          code: "custom",
          path: [fieldId("sam_date")],
          message: "crf.order.notAfter",
          params: { field: labelOf(fieldId("sam_date")), other: labelOf("birth_date") },
        });
      }
    });
}

export type NewCaseInput = z.input<ReturnType<typeof newCaseSchema>>;
