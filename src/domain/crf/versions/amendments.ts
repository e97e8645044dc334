// The study's amendments, oldest first: the live form is the last one's
// `to`. Empty while the form is at its first version. To amend the form, see
// CONTRIBUTING.md ("an amendment of the form") and ADR 0021.
import { CRF } from "../definition";
import { assertAmendments } from "./check";
import type { Amendment } from "./types";

export const AMENDMENTS: readonly Amendment[] = assertAmendments(CRF, []);

/** The version new and saved cases are stamped with. */
export const CURRENT_FORM_VERSION: string = CRF.version;
