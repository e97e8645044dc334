// Messages of the redaction rules (src/domain/redaction.ts), FR and EN, served
// under "errors" (src/i18n/domain-messages.ts). Typographic apostrophes (’):
// a straight ' is ICU's quote character.

const fr = {
  redaction: {
    textLength: "Texte à caviarder : entre {min} et {max} caractères.",
    reasonLength: "Motif : entre {min} et {max} caractères.",
    reasonQuotesText:
      "Motif : il ne doit pas reprendre le texte caviardé (le motif est conservé dans la piste d’audit).",
    requestedBy: "Demandé par : choisissez le clinicien qui a inclus le patient ou votre propre constat.",
    caseId: "Dossier introuvable.",
    notFound:
      "Texte à caviarder : introuvable dans ce dossier (réponses, piste d’audit, questions). Vérifiez l’orthographe.",
  },
} as const;

type RedactionCatalogue = { readonly redaction: Record<keyof typeof fr.redaction, string> };

const en = {
  redaction: {
    textLength: "Text to redact: between {min} and {max} characters.",
    reasonLength: "Reason: between {min} and {max} characters.",
    reasonQuotesText: "Reason: it must not repeat the redacted text (the reason is kept in the audit trail).",
    requestedBy: "Requested by: choose the clinician who included the patient, or your own finding.",
    caseId: "Case not found.",
    notFound: "Text to redact: not found in this case (answers, audit trail, queries). Check the spelling.",
  },
} satisfies RedactionCatalogue;

export const redactionMessages = { fr, en } as const;
