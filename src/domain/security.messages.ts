// Messages of the security rules (password strength, attempt limits), in ICU
// MessageFormat for next-intl, served under the "errors" namespace
// (src/i18n/domain-messages.ts). French first; English has the same keys.
// Typographic apostrophes (’) on purpose: a straight ' is ICU's quote character.

const fr = {
  passwordRule: {
    weak: "Mot de passe : trop facile à deviner (mot de passe courant ou divulgué, mots du dictionnaire, nom, suite de touches, répétition ou date). Choisissez une phrase de plusieurs mots sans rapport entre eux.",
  },
  throttle: {
    tooMany:
      "Trop de tentatives depuis votre connexion : réessayez dans {minutes, plural, one {# minute} other {# minutes}}.",
  },
};

const en: typeof fr = {
  passwordRule: {
    weak: "Password: too easy to guess (a common or leaked password, dictionary words, a name, a keyboard pattern, a repeat or a date). Choose a phrase of several unrelated words.",
  },
  throttle: {
    tooMany:
      "Too many attempts from your connection: try again in {minutes, plural, one {# minute} other {# minutes}}.",
  },
};

export const securityMessages = { fr, en } as const;
