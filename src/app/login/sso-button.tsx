"use client";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { safeCallbackPath } from "@/domain/safe-callback";

/** "Sign in with <hospital provider>": next-auth's OpenID Connect flow (state, nonce, PKCE). */
export function SsoButton({ name, callbackUrl }: { name: string; callbackUrl: string }) {
  const t = useTranslations("mfa.sso");
  return (
    <div className="sso" data-testid="sso">
      <p className="hint">{t("or")}</p>
      <button
        type="button"
        className="button button--secondary"
        onClick={() => signIn("oidc", { callbackUrl: safeCallbackPath(callbackUrl) })}
      >
        {t("button", { name })}
      </button>
    </div>
  );
}
