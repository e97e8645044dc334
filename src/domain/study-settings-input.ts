// The coordinator's study calendar form (/admin/study), shared by the browser
// and the server. Empty closing or reminder date = the protocol's default
// (opening + 6 months, opening + 3 months). Message keys live in
// src/domain/study.messages.ts (errors namespace).
import { z } from "zod";
import { isIsoDate } from "./dates";
import { MAX_GRACE_DAYS, resolveCalendar } from "./study-calendar";

const optionalDate = (key: string) =>
  z
    .string()
    .trim()
    .max(10, { message: `study.${key}.invalid` })
    .transform((v) => (v === "" ? null : v))
    .refine((v) => v === null || isIsoDate(v), { message: `study.${key}.invalid` });

export const studySettingsSchema = z
  .strictObject({
    openingDate: optionalDate("openingDate"),
    closingDate: optionalDate("closingDate"),
    reminderDate: optionalDate("reminderDate"),
    /** A number, or the text of a number input. */
    graceDays: z
      .union([z.number(), z.string().trim()])
      .transform((v) => (typeof v === "string" ? (/^\d{1,4}$/.test(v) ? Number(v) : Number.NaN) : v))
      .refine((v) => Number.isInteger(v) && v >= 0 && v <= MAX_GRACE_DAYS, {
        message: "study.graceDays.invalid",
        params: { max: MAX_GRACE_DAYS },
      }),
  })
  .superRefine((v, ctx) => {
    // Zod runs this even when a field failed: compare dates only once each one is valid.
    if (
      ![v.openingDate, v.closingDate, v.reminderDate].every((d) => d === null || isIsoDate(d)) ||
      !Number.isInteger(v.graceDays)
    )
      return;
    if (!v.openingDate) {
      if (v.closingDate || v.reminderDate)
        ctx.addIssue({ code: "custom", path: ["openingDate"], message: "study.openingDate.required" });
      return;
    }
    const calendar = resolveCalendar(v);
    if (!calendar) return;
    if (v.closingDate && calendar.closing <= calendar.opening) {
      ctx.addIssue({
        code: "custom",
        path: ["closingDate"],
        message: "study.closingDate.beforeOpening",
        params: { opening: calendar.opening },
      });
      return;
    }
    if (v.reminderDate && (calendar.reminder <= calendar.opening || calendar.reminder >= calendar.closing)) {
      ctx.addIssue({
        code: "custom",
        path: ["reminderDate"],
        message: "study.reminderDate.outside",
        params: { opening: calendar.opening, closing: calendar.closing },
      });
    } else if (!v.reminderDate && calendar.reminder >= calendar.closing) {
      // A short collection (closing within three months): the default reminder would fall after it.
      ctx.addIssue({
        code: "custom",
        path: ["reminderDate"],
        message: "study.reminderDate.defaultAfterClosing",
        params: { reminder: calendar.reminder, closing: calendar.closing },
      });
    }
  });

export type StudySettingsInput = z.input<typeof studySettingsSchema>;
