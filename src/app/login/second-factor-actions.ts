"use server";
import QRCode from "qrcode";
import { publicAction } from "@/server/action.server";
import {
  beginSignInEnrolment,
  confirmSignInEnrolment,
  passkeyOptionsForTicket,
  ticketInfo,
} from "@/server/auth/second-factor.server";

// The sign-in's second step, before any session. Access: anyone holding the ticket
// the first factor issued (random, 5 minutes, single use), nothing else.

export const secondStepInfoAction = publicAction(({ db }, ticket: string) => ticketInfo(db, String(ticket)));

/** A new authenticator-app secret for a first enrolment (role requires a second factor, none yet). */
export const beginEnrolmentAction = publicAction(
  async ({ db }, ticket: string): Promise<{ grouped: string; uri: string; qr: string } | null> => {
    const display = await beginSignInEnrolment(db, String(ticket));
    if (!display) return null;
    return {
      ...display,
      qr: await QRCode.toDataURL(display.uri, { margin: 1, width: 200, errorCorrectionLevel: "M" }),
    };
  },
);

export const confirmEnrolmentAction = publicAction(({ db }, ticket: string, code: string) =>
  confirmSignInEnrolment(db, String(ticket), String(code).slice(0, 64)),
);

export const passkeyOptionsAction = publicAction(({ db }, ticket: string) =>
  passkeyOptionsForTicket(db, String(ticket)),
);
