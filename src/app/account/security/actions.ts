"use server";
import QRCode from "qrcode";
import { action } from "@/server/action.server";
import {
  addAccountPasskey,
  beginAccountTotp,
  confirmAccountTotp,
  passkeyRegistrationOptions,
  removeAccountPasskey,
  removeAccountTotp,
  renewAccountRecoveryCodes,
} from "@/server/auth/account-security.server";

// Access: every signed-in user, for their own account only (the actor's id; no user id is taken from the input).

export const beginTotpAction = action(async ({ actor, db }) => {
  const display = await beginAccountTotp(db, actor);
  return {
    ...display,
    qr: await QRCode.toDataURL(display.uri, { margin: 1, width: 200, errorCorrectionLevel: "M" }),
  };
});

export const confirmTotpAction = action(({ actor, db }, code: string) =>
  confirmAccountTotp(db, actor, String(code).slice(0, 64)),
);

export const removeTotpAction = action(async ({ actor, db }) => {
  await removeAccountTotp(db, actor);
  return null;
});

export const renewRecoveryCodesAction = action(({ actor, db }) => renewAccountRecoveryCodes(db, actor));

export const passkeyOptionsAction = action(({ actor, db }) => passkeyRegistrationOptions(db, actor));

export const addPasskeyAction = action(async ({ actor, db }, response: string, name: string) => {
  let parsed: unknown = null;
  try {
    parsed = JSON.parse(String(response).slice(0, 20_000));
  } catch {
    parsed = null;
  }
  return addAccountPasskey(db, actor, parsed, name);
});

export const removePasskeyAction = action(async ({ actor, db }, passkeyId: string) => {
  await removeAccountPasskey(db, actor, String(passkeyId));
  return null;
});
