// Messages of the study calendar, the closing rule and the administration
// forms (centres, users), in ICU MessageFormat for next-intl, served under the
// "errors" namespace (src/i18n/domain-messages.ts) like the CRF's. French
// first; English must have the same keys (enforced by the type below).
// Typographic apostrophes (’) on purpose: a straight ' is ICU's quote character.
// Dates in parameters are ISO (YYYY-MM-DD).

const fr = {
  study: {
    closed:
      "Le recueil de l’étude est clos (clôture le {closing}{grace, select, yes {, délai de grâce jusqu’au {graceEnd}} other {}}) : les dossiers ne peuvent plus être créés ni modifiés. Les réponses aux queries restent possibles.",
    openingDate: {
      invalid: "Date d’ouverture : date invalide (AAAA-MM-JJ).",
      required: "Date d’ouverture : obligatoire pour fixer une date de clôture ou de relance.",
    },
    closingDate: {
      invalid: "Date de clôture : date invalide (AAAA-MM-JJ).",
      beforeOpening: "Date de clôture : elle doit être postérieure à la date d’ouverture ({opening}).",
    },
    reminderDate: {
      invalid: "Date de relance : date invalide (AAAA-MM-JJ).",
      outside:
        "Date de relance : elle doit tomber entre l’ouverture ({opening}) et la clôture ({closing}), ces jours exclus.",
      defaultAfterClosing:
        "Date de relance : par défaut elle serait le {reminder}, après la clôture ({closing}). Indiquez une date de relance avant la clôture.",
    },
    graceDays: {
      invalid: "Délai de grâce : un nombre entier de jours, de 0 à {max}.",
    },
  },
  admin: {
    centre: {
      codeFormat: "Code : exactement trois lettres de A à Z (par exemple REI).",
      codeTaken: "Code : le centre {code} existe déjà.",
      nameRequired: "Nom : obligatoire.",
      nameTooLong: "Nom : {max} caractères maximum.",
      cityRequired: "Ville : obligatoire.",
      cityTooLong: "Ville : {max} caractères maximum.",
    },
    user: {
      self: "Vous ne pouvez pas désactiver votre propre compte.",
      inactive: "Ce compte est désactivé : réactivez-le avant d’envoyer un lien.",
      hasPassword: "Ce compte a déjà un mot de passe : utilisez « Réinitialiser le mot de passe ».",
      noPassword: "Ce compte n’a pas encore de mot de passe : utilisez « Renvoyer l’invitation ».",
    },
  },
} as const;

type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };

const en: Catalogue<typeof fr> = {
  study: {
    closed:
      "Data collection for the study is closed (closing date {closing}{grace, select, yes {, grace period until {graceEnd}} other {}}): cases can no longer be created or edited. Answers to queries are still possible.",
    openingDate: {
      invalid: "Opening date: invalid date (YYYY-MM-DD).",
      required: "Opening date: required to set a closing or reminder date.",
    },
    closingDate: {
      invalid: "Closing date: invalid date (YYYY-MM-DD).",
      beforeOpening: "Closing date: it must be after the opening date ({opening}).",
    },
    reminderDate: {
      invalid: "Reminder date: invalid date (YYYY-MM-DD).",
      outside:
        "Reminder date: it must fall between the opening ({opening}) and the closing ({closing}), both excluded.",
      defaultAfterClosing:
        "Reminder date: by default it would be {reminder}, after the closing date ({closing}). Give a reminder date before the closing.",
    },
    graceDays: {
      invalid: "Grace period: a whole number of days, from 0 to {max}.",
    },
  },
  admin: {
    centre: {
      codeFormat: "Code: exactly three letters A to Z (for example REI).",
      codeTaken: "Code: centre {code} already exists.",
      nameRequired: "Name: required.",
      nameTooLong: "Name: {max} characters at most.",
      cityRequired: "City: required.",
      cityTooLong: "City: {max} characters at most.",
    },
    user: {
      self: "You cannot disable your own account.",
      inactive: "This account is disabled: enable it before sending a link.",
      hasPassword: "This account already has a password: use “Reset password”.",
      noPassword: "This account has no password yet: use “Send the invitation again”.",
    },
  },
};

export const studyMessages = { fr, en } as const;
