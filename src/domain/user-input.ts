// The coordinator's "new user" form, shared by the browser and the server.
import { z } from "zod";
import { ROLES } from "./roles";

export const newUserSchema = z
  .strictObject({
    email: z.string().trim().toLowerCase().max(320, { message: "email.invalid" }).pipe(z.email({ message: "email.invalid" })),
    displayName: z.string().trim().min(1, { message: "displayName.required" }).max(100, { message: "displayName.tooLong" }),
    role: z.enum(ROLES, { message: "role.invalid" }),
    /** Empty for coordinators. */
    centreCode: z.string().trim().toUpperCase().max(3).optional().default(""),
    /** The language of the user's mails and interface (French unless chosen otherwise). */
    locale: z.enum(["fr", "en"], { message: "locale.invalid" }).optional().default("fr"),
  })
  .superRefine((v, ctx) => {
    if (v.role !== "COORDINATOR" && !v.centreCode) {
      ctx.addIssue({ code: "custom", path: ["centreCode"], message: "centreCode.requiredForRole" });
    }
  });

export type NewUserInput = z.input<typeof newUserSchema>;
