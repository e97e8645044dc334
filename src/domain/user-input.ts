// The coordinator's "new user" form, shared by the browser and the server.
import { z } from "zod";
import { isCentreScoped, monitorsSomeCentres, ROLES } from "./roles";

const CENTRE_CODE = /^[A-Z]{3}$/;

/** "REI, par ;LIL" → ["REI", "PAR", "LIL"]: a monitor's centres as typed (codes, any separator). */
export function centreCodeList(text: string): string[] {
  return [
    ...new Set(
      text
        .toUpperCase()
        .split(/[\s,;]+/)
        .filter(Boolean),
    ),
  ];
}

export const newUserSchema = z
  .strictObject({
    email: z
      .string()
      .trim()
      .toLowerCase()
      .max(320, { message: "email.invalid" })
      .pipe(z.email({ message: "email.invalid" })),
    displayName: z
      .string()
      .trim()
      .min(1, { message: "displayName.required" })
      .max(100, { message: "displayName.tooLong" }),
    role: z.enum(ROLES, { message: "role.invalid" }),
    /** The user's own centre: clinicians and research assistants only. */
    centreCode: z.string().trim().toUpperCase().max(3).optional().default(""),
    /** Monitors: every centre, or the centres listed (codes separated by commas or spaces). */
    monitorsAllCentres: z.boolean().optional().default(false),
    monitoredCentres: z.string().trim().max(400, { message: "monitoredCentres.invalid" }).optional().default(""),
    /** The language of the user's mails and interface (French unless chosen otherwise). */
    locale: z.enum(["fr", "en"], { message: "locale.invalid" }).optional().default("fr"),
  })
  .superRefine((v, ctx) => {
    if (isCentreScoped(v.role) && !v.centreCode) {
      ctx.addIssue({ code: "custom", path: ["centreCode"], message: "centreCode.requiredForRole" });
    }
    if (monitorsSomeCentres(v.role) && !v.monitorsAllCentres) {
      const codes = centreCodeList(v.monitoredCentres);
      if (codes.length === 0)
        ctx.addIssue({ code: "custom", path: ["monitoredCentres"], message: "monitoredCentres.required" });
      const bad = codes.find((c) => !CENTRE_CODE.test(c));
      if (bad)
        ctx.addIssue({
          code: "custom",
          path: ["monitoredCentres"],
          message: "monitoredCentres.invalid",
          params: { code: bad },
        });
    }
  });

export type NewUserInput = z.input<typeof newUserSchema>;
