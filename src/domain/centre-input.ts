// The coordinator's "new centre" form (/admin/centres), shared by the browser
// and the server. The code is the third part of every case key (protocol: the
// first three letters of the centre), so it is exactly three letters A–Z.
import { z } from "zod";

export const CENTRE_NAME_MAX = 120;
export const CENTRE_CITY_MAX = 80;

const text = (name: "name" | "city", max: number) =>
  z
    .string()
    .trim()
    .refine((v) => v.length > 0, { message: `admin.centre.${name}Required` })
    .refine((v) => v.length <= max, { message: `admin.centre.${name}TooLong`, params: { max } });

export const newCentreSchema = z.strictObject({
  // Same normalisation as the case key's centre code (src/domain/pseudonym-key.ts).
  code: z
    .string()
    .transform((v) => v.trim().toUpperCase())
    .refine((v) => /^[A-Z]{3}$/.test(v), { message: "admin.centre.codeFormat" }),
  name: text("name", CENTRE_NAME_MAX),
  city: text("city", CENTRE_CITY_MAX),
});

export type NewCentreInput = z.input<typeof newCentreSchema>;
