// Messages of the scripts API (ADR 0020), FR and EN: the token form's refusals
// (served under "errors", src/i18n/domain-messages.ts) and the API's problem
// details (src/server/api/problem.server.ts), in the caller's Accept-Language.
// Typographic apostrophes (’): a straight ' is ICU's quote.

const fr = {
  apiToken: {
    nameRequired: "Nom : obligatoire (à quoi sert ce jeton, pour le reconnaître dans la liste).",
    nameTooLong: "Nom : 80 caractères au plus.",
    scopesRequired: "Droits : cochez-en au moins un.",
    scopeUnknown: "Droits : droit inconnu.",
    scopeNotAllowed: "Droits : « {scope} » n’est pas ouvert à votre rôle.",
    days: "Durée : un nombre entier de jours, de 1 à 365.",
  },
  api: {
    unauthenticated: "Jeton absent : envoyez l’en-tête Authorization: Bearer dmsam_…",
    invalidToken: "Jeton inconnu, expiré ou révoqué.",
    tokenInUrl:
      "Jeton refusé dans l’adresse : elle est copiée dans les journaux, et un jeton valide envoyé ainsi vient d’être révoqué. Envoyez les jetons dans l’en-tête Authorization.",
    insufficientScope: "Ce jeton n’a pas le droit « {scope} », ou le rôle de son titulaire ne l’a plus.",
    rateLimited: "Trop de requêtes : réessayez dans {seconds} s.",
    page: "page : un nombre entier à partir de 1.",
    pageSize: "pageSize : un nombre entier de 1 à {max}.",
    invalidParameter: "{name} : valeur invalide.",
    unknownBlock: "Bloc inconnu : « {block} ». Blocs : {blocks}.",
    notFound: "Adresse inconnue de l’API.",
    payloadTooLarge: "Fichier trop volumineux : {max} Mo au plus.",
    unsupportedMediaType:
      "Type de contenu refusé : envoyez le fichier en text/csv ou en {xlsx} (en-tête Content-Type).",
    invalidInput: "{problem}",
  },
} as const;

type Catalogue = {
  readonly apiToken: Record<keyof typeof fr.apiToken, string>;
  readonly api: Record<keyof typeof fr.api, string>;
};

const en: Catalogue = {
  apiToken: {
    nameRequired: "Name: required (what the token is for, to recognise it in the list).",
    nameTooLong: "Name: 80 characters at most.",
    scopesRequired: "Scopes: tick at least one.",
    scopeUnknown: "Scopes: unknown scope.",
    scopeNotAllowed: "Scopes: “{scope}” is not open to your role.",
    days: "Lifetime: a whole number of days, from 1 to 365.",
  },
  api: {
    unauthenticated: "No token: send the header Authorization: Bearer dmsam_…",
    invalidToken: "Unknown, expired or revoked token.",
    tokenInUrl:
      "Token refused in the address: addresses are copied into logs, and a valid token sent that way has just been revoked. Send tokens in the Authorization header.",
    insufficientScope: "This token lacks the scope “{scope}”, or its owner's role no longer grants it.",
    rateLimited: "Too many requests: retry in {seconds} s.",
    page: "page: a whole number from 1.",
    pageSize: "pageSize: a whole number from 1 to {max}.",
    invalidParameter: "{name}: invalid value.",
    unknownBlock: "Unknown block: “{block}”. Blocks: {blocks}.",
    notFound: "Unknown API address.",
    payloadTooLarge: "File too large: {max} MB at most.",
    unsupportedMediaType: "Content type refused: send the file as text/csv or {xlsx} (Content-Type header).",
    invalidInput: "{problem}",
  },
};

export const apiMessages = { fr, en } as const;

export type ApiProblemKey = keyof typeof fr.api;

/** A problem's sentence with its parameters put in (plain {name} placeholders, no plurals). */
export function apiMessage(
  lang: "fr" | "en",
  key: ApiProblemKey,
  params: Readonly<Record<string, string | number>> = {},
): string {
  return apiMessages[lang].api[key].replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}
