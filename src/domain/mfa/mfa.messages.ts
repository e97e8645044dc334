// Messages of the second-factor and single sign-on rules, served under the
// "errors" namespace (src/i18n/domain-messages.ts). French first; English has
// the same keys (enforced by the type below). Typographic apostrophes (’):
// a straight ' is ICU's quote character.

const fr = {
  mfa: {
    totpExists:
      "Une application d’authentification est déjà configurée : retirez-la d’abord pour en configurer une autre.",
    enrolExpired: "Cette configuration a expiré (5 minutes). Recommencez.",
    codeWrong: "Code : ce code ne correspond pas (6 chiffres affichés par l’application, valables 30 secondes).",
    lastFactorRequired:
      "La double authentification est obligatoire pour votre rôle : ajoutez un autre moyen avant de retirer le dernier.",
    noFactor: "Configurez d’abord une application d’authentification ou une clé d’accès.",
    passkeyName: "Nom de la clé : de 1 à {max} caractères.",
    passkeyRefused: "La clé d’accès n’a pas pu être vérifiée. Recommencez.",
    resetSelf:
      "Vous ne pouvez pas réinitialiser votre propre double authentification : demandez-le à un autre coordinateur.",
    ssoNotConfigured: "L’authentification unique (SSO) n’est pas configurée sur ce serveur.",
    ssoSubject: "Identifiant SSO : de 1 à 255 caractères visibles, sans espace.",
    ssoSubjectTaken: "Identifiant SSO : il est déjà lié à un autre compte.",
  },
};

const en: typeof fr = {
  mfa: {
    totpExists: "An authenticator app is already set up: remove it first to set up another one.",
    enrolExpired: "This setup has expired (5 minutes). Start again.",
    codeWrong: "Code: this code does not match (6 digits shown by the app, valid for 30 seconds).",
    lastFactorRequired:
      "Two-step verification is required for your role: add another method before removing the last one.",
    noFactor: "First set up an authenticator app or a passkey.",
    passkeyName: "Key name: 1 to {max} characters.",
    passkeyRefused: "The passkey could not be verified. Try again.",
    resetSelf: "You cannot reset your own two-step verification: ask another coordinator.",
    ssoNotConfigured: "Single sign-on (SSO) is not configured on this server.",
    ssoSubject: "SSO identifier: 1 to 255 visible characters, no spaces.",
    ssoSubjectTaken: "SSO identifier: it is already linked to another account.",
  },
};

export const mfaMessages = { fr, en } as const;
