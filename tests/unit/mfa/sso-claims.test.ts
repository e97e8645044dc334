import { describe, expect, it } from "vitest";
import {
  identityFromClaims,
  resolveSsoAccount,
  ssoConfigFrom,
  strongAtProvider,
  type SsoConfig,
} from "@/domain/mfa/sso-claims";

const config: SsoConfig = ssoConfigFrom({
  OIDC_ISSUER: "https://idp.chu.fr/realms/chu/",
  OIDC_CLIENT_ID: "ecrf",
  OIDC_STRONG_ACR: "eidas2, eidas3",
})!;

describe("single sign-on configuration and claims", () => {
  it("is off without an issuer and a client id; defaults follow OpenID Connect", () => {
    expect(ssoConfigFrom({ OIDC_ISSUER: "https://idp" })).toBeNull();
    expect(config).toEqual({
      issuer: "https://idp.chu.fr/realms/chu",
      subjectClaim: "sub",
      emailClaim: "email",
      emailVerifiedClaim: "email_verified",
      matchByEmail: true,
      strongAcr: ["eidas2", "eidas3"],
    });
    expect(
      ssoConfigFrom({
        OIDC_ISSUER: "x",
        OIDC_CLIENT_ID: "y",
        OIDC_EMAIL_VERIFIED_CLAIM: "none",
        OIDC_MATCH_BY_EMAIL: "false",
      }),
    ).toMatchObject({ emailVerifiedClaim: null, matchByEmail: false });
  });

  it("maps claims: subject required, e-mail lower-cased, verified only when the provider says so", () => {
    expect(identityFromClaims({ email: "a@b.fr" }, config)).toBeNull();
    const id = identityFromClaims(
      { sub: "u-1", email: "Jean.Dupont@CHU.fr", email_verified: true, acr: "eidas3", amr: ["pwd", 3] },
      config,
    )!;
    expect(id).toEqual({
      issuer: config.issuer,
      subject: "u-1",
      email: "jean.dupont@chu.fr",
      emailVerified: true,
      acr: "eidas3",
      amr: ["pwd"],
    });
    expect(identityFromClaims({ sub: "u-1", email: "a@b.fr" }, config)!.emailVerified).toBe(false);
    expect(
      identityFromClaims({ sub: "u-1", email: "a@b.fr" }, { ...config, emailVerifiedClaim: null })!.emailVerified,
    ).toBe(true);
    expect(strongAtProvider(id, config)).toBe(true);
    expect(strongAtProvider({ ...id, acr: "eidas1" }, config)).toBe(false);
    expect(strongAtProvider({ ...id, acr: null, amr: ["pwd", "mfa"] }, config)).toBe(true);
  });

  it("reaches only an invited account: the linked one, else the verified e-mail's, never a new one", () => {
    const id = identityFromClaims({ sub: "s", email: "a@b.fr", email_verified: true }, config)!;
    const candidate = { id: "u1", active: true, linkedElsewhere: false };
    expect(resolveSsoAccount(id, { id: "u0", active: true }, candidate, config)).toEqual({
      ok: true,
      userId: "u0",
      link: false,
    });
    expect(resolveSsoAccount(id, { id: "u0", active: false }, candidate, config)).toEqual({
      ok: false,
      cause: "disabled",
    });
    expect(resolveSsoAccount(id, null, candidate, config)).toEqual({ ok: true, userId: "u1", link: true });
    expect(resolveSsoAccount(id, null, null, config)).toEqual({ ok: false, cause: "no_account" });
    expect(resolveSsoAccount({ ...id, emailVerified: false }, null, candidate, config)).toEqual({
      ok: false,
      cause: "unverified_email",
    });
    expect(resolveSsoAccount(id, null, { ...candidate, linkedElsewhere: true }, config)).toEqual({
      ok: false,
      cause: "link_conflict",
    });
    expect(resolveSsoAccount(id, null, { ...candidate, active: false }, config)).toEqual({
      ok: false,
      cause: "disabled",
    });
    expect(resolveSsoAccount(id, null, candidate, { ...config, matchByEmail: false })).toEqual({
      ok: false,
      cause: "no_account",
    });
  });
});
