// What the clinician attests when signing (shown and stored in their language).
export const ATTESTATION = {
  fr: "J'atteste, en tant que clinicien en charge du patient, que les données de ce dossier sont exactes et conformes au dossier médical source, et qu'elles ne permettent pas d'identifier directement le patient.",
  en: "As the clinician in charge of the patient, I attest that the data in this record are accurate and match the source medical file, and that they do not directly identify the patient.",
} as const;
