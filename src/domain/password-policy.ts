// Password rules (docs/security.md): length beats composition rules, so the
// only rule is a minimum of 12 characters (and a bound against hashing abuse).
import { z } from "zod";

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 256;

export const newPasswordSchema = z
  .strictObject({
    password: z
      .string()
      .min(PASSWORD_MIN_LENGTH, { message: "password.tooShort" })
      .max(PASSWORD_MAX_LENGTH, { message: "password.tooLong" }),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { message: "password.mismatch", path: ["confirm"] });

export type NewPasswordInput = z.input<typeof newPasswordSchema>;
