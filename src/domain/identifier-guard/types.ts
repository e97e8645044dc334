/**
 * The fixed vocabulary of identifier kinds (docs/pseudonymisation.md). Also the words
 * the CLI prints and the audit trail records ("case.identifier_blocked").
 */
export const IDENTIFIER_KIND_VOCABULARY = [
  "name",
  "address",
  "phone",
  "email",
  "nir",
  "hospital_id",
  "birth_date",
  "age",
  "birth_place",
] as const;

export type IdentifierKind = (typeof IDENTIFIER_KIND_VOCABULARY)[number];

/** A hit on the normalised text (end exclusive). */
export interface Span {
  kind: IdentifierKind;
  start: number;
  end: number;
  /** A full date or an age: an identifier only next to a name. */
  needsName?: boolean;
}
