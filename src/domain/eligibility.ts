// The eligibility screen (spec §1, protocol "population"): DM, MAS
// complicating it, diagnosed in France between 2010-01-01 and 2020-10-01.
// Answered before a case exists; an ineligible patient is never entered.
import { z } from "zod";
import { parseDateInput } from "./crf/date-input";
import { INCLUSION_WINDOW } from "./crf/sections/identification";
import { fieldId, labelOf, type FieldId } from "./crf/definition";

const CRITERIA = ["elig_dm", "elig_sam", "elig_france"] as const satisfies readonly FieldId[];
/** The three yes/no criteria (field ids of the identification section). */
export type EligibilityCriterion = (typeof CRITERIA)[number];

const yes = (id: EligibilityCriterion) =>
  z.string({ message: "crf.eligibility.required" }).superRefine((v, ctx) => {
    if (v !== "yes" && v !== "no")
      ctx.addIssue({ code: "custom", message: "crf.eligibility.required", params: { field: labelOf(id) } });
    else if (v === "no")
      ctx.addIssue({ code: "custom", message: "crf.eligibility.mustBeYes", params: { field: labelOf(id) } });
  });

export const eligibilityShape = {
  elig_dm: yes("elig_dm"),
  elig_sam: yes("elig_sam"),
  sam_date: z
    .string()
    .transform((raw) => parseDateInput(raw) ?? raw.trim())
    .superRefine((v, ctx) => {
      if (v === "")
        ctx.addIssue({
          code: "custom",
          message: "crf.eligibility.required",
          params: { field: labelOf(fieldId("sam_date")) },
        });
      else if (!/^\d{4}-\d{2}-\d{2}$/.test(v))
        ctx.addIssue({
          code: "custom",
          message: "crf.date.precision.day",
          params: { field: labelOf(fieldId("sam_date")) },
        });
      else if (v < INCLUSION_WINDOW.from || v > INCLUSION_WINDOW.to) {
        ctx.addIssue({
          code: "custom",
          message: "crf.eligibility.window",
          params: { value: v, from: INCLUSION_WINDOW.from, to: INCLUSION_WINDOW.to },
        });
      }
    }),
  elig_france: yes("elig_france"),
} satisfies { [K in FieldId]?: z.ZodType };
