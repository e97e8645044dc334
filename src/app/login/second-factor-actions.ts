"use server";
import QRCode from "qrcode";
import { db } from "@/server/db/db.server";
import {
  beginSignInEnrolment,
  confirmSignInEnrolment,
  passkeyOptionsForTicket,
  ticketInfo,
} from "@/server/auth/second-factor.server";

// The sign-in's second step, before any session: each action needs the ticket
// the first factor issued (random, 5 minutes, single use), nothing else.

export async function secondStepInfoAction(ticket: string) {
  return ticketInfo(db(), String(ticket));
}

/** A new authenticator-app secret for a first enrolment (role requires a second factor, none yet). */
export async function beginEnrolmentAction(
  ticket: string,
): Promise<{ grouped: string; uri: string; qr: string } | null> {
  const display = await beginSignInEnrolment(db(), String(ticket));
  if (!display) return null;
  return { ...display, qr: await QRCode.toDataURL(display.uri, { margin: 1, width: 200, errorCorrectionLevel: "M" }) };
}

export async function confirmEnrolmentAction(ticket: string, code: string) {
  return confirmSignInEnrolment(db(), String(ticket), String(code).slice(0, 64));
}

export async function passkeyOptionsAction(ticket: string) {
  return passkeyOptionsForTicket(db(), String(ticket));
}
