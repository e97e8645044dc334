// Messages of the case lifecycle's rules (signature, review, concurrency, the
// closing rule's exception for open queries), in ICU MessageFormat for
// next-intl, served under the "errors" namespace (src/i18n/domain-messages.ts).
// French first; English must have the same keys (enforced by the type below).
// Typographic apostrophes (’) on purpose: a straight ' is ICU's quote character.

const fr = {
  lifecycle: {
    signatureStale:
      "Validation impossible : les réponses ont changé depuis la signature. Le clinicien doit signer à nouveau.",
    notSigned: "Validation impossible : le dossier n’a pas été signé.",
    notReady:
      "Validation impossible : {count, plural, one {un point reste à régler} other {# points restent à régler}} (champs obligatoires, valeurs inhabituelles non confirmées).",
    alreadySigned:
      "Ce dossier est déjà signé et ses réponses n’ont pas changé depuis : une nouvelle signature n’est pas nécessaire.",
    caseChanged: "Le dossier a été modifié par quelqu’un d’autre au même moment : rechargez la page et réessayez.",
    notUnderQuery:
      "{field} : le recueil est clos (le {closing}). Seuls les champs visés par une query ouverte peuvent encore être modifiés.",
    queryNotOpen: "Le recueil est clos : seules les queries ouvertes peuvent encore recevoir une réponse.",
    onlyQueriedFields:
      "Recueil clos le {closing} : seuls les champs visés par une query ouverte peuvent encore être corrigés (avec un motif), et les queries ouvertes recevoir une réponse.",
    // Names of the lifecycle's own audit events in the case history (history.types has the others).
    events: {
      case: { printed: "Impression" },
      print: { correspondence: "Impression de la table de correspondance" },
    },
  },
} as const;

type Catalogue<T> = { readonly [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
type LifecycleCatalogue = Catalogue<typeof fr>;

const en = {
  lifecycle: {
    signatureStale: "Cannot validate: the answers changed since the signature. The clinician must sign again.",
    notSigned: "Cannot validate: the record has not been signed.",
    notReady:
      "Cannot validate: {count, plural, one {one point is left to resolve} other {# points are left to resolve}} (required fields, unusual values not confirmed).",
    alreadySigned: "This record is already signed and its answers have not changed since: no new signature is needed.",
    caseChanged: "Someone else changed the record at the same moment: reload the page and try again.",
    notUnderQuery:
      "{field}: data entry closed on {closing}. Only the fields an open query points at can still be changed.",
    queryNotOpen: "Data entry is closed: only open queries can still be answered.",
    onlyQueriedFields:
      "Data entry closed on {closing}: only the fields an open query points at can still be corrected (with a reason), and open queries answered.",
    events: {
      case: { printed: "Printed" },
      print: { correspondence: "Correspondence list printed" },
    },
  },
} as const satisfies LifecycleCatalogue;

export const lifecycleMessages = { fr, en } as const;
