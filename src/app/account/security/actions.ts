"use server";
import QRCode from "qrcode";
import { runAction, type ActionResult } from "@/server/action.server";
import {
  addAccountPasskey,
  beginAccountTotp,
  confirmAccountTotp,
  passkeyRegistrationOptions,
  removeAccountPasskey,
  removeAccountTotp,
  renewAccountRecoveryCodes,
} from "@/server/auth/account-security.server";
import { db } from "@/server/db/db.server";
import { requireActor } from "@/server/session.server";

// Access: every signed-in user, for their own account only (the actor's id; no user id is taken from the input).

export async function beginTotpAction(): Promise<ActionResult<{ grouped: string; uri: string; qr: string }>> {
  const actor = await requireActor();
  return runAction(async () => {
    const display = await beginAccountTotp(db(), actor);
    return {
      ...display,
      qr: await QRCode.toDataURL(display.uri, { margin: 1, width: 200, errorCorrectionLevel: "M" }),
    };
  });
}

export async function confirmTotpAction(code: string): Promise<ActionResult<string[]>> {
  const actor = await requireActor();
  return runAction(() => confirmAccountTotp(db(), actor, String(code).slice(0, 64)));
}

export async function removeTotpAction(): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(async () => {
    await removeAccountTotp(db(), actor);
    return null;
  });
}

export async function renewRecoveryCodesAction(): Promise<ActionResult<string[]>> {
  const actor = await requireActor();
  return runAction(() => renewAccountRecoveryCodes(db(), actor));
}

export async function passkeyOptionsAction() {
  const actor = await requireActor();
  return runAction(() => passkeyRegistrationOptions(db(), actor));
}

export async function addPasskeyAction(response: string, name: string): Promise<ActionResult<string[] | null>> {
  const actor = await requireActor();
  return runAction(async () => {
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(String(response).slice(0, 20_000));
    } catch {
      parsed = null;
    }
    return addAccountPasskey(db(), actor, parsed, name);
  });
}

export async function removePasskeyAction(passkeyId: string): Promise<ActionResult<null>> {
  const actor = await requireActor();
  return runAction(async () => {
    await removeAccountPasskey(db(), actor, String(passkeyId));
    return null;
  });
}
