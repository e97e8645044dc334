// The "forgot password?" form: one e-mail address, checked in the browser and on the server.
import { z } from "zod";

export const forgotPasswordSchema = z.strictObject({
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320, { message: "email.invalid" })
    .pipe(z.email({ message: "email.invalid" })),
});

export type ForgotPasswordInput = z.input<typeof forgotPasswordSchema>;

/** How long a self-service reset link works. */
export const RESET_LINK_MINUTES = 60;
/** At most one self-service link per account in this time (further requests get the same answer, and no mail). */
export const RESET_REQUEST_INTERVAL_MINUTES = 5;
