// §1 Identification and eligibility. The pseudonymised key itself (initials,
// birth date, centre) is fixed when the case is created (pseudonym-key.ts) and
// shown read-only; the answers here complete it.
import { l, opt } from "../labels";
import type { SectionDef } from "../types";

export const INCLUSION_WINDOW = { from: "2010-01-01", to: "2020-10-01" } as const;

export const identification = {
  id: "identification",
  label: l("Identification et éligibilité", "Identification and eligibility"),
  items: [
    {
      id: "department",
      type: "choice",
      label: l("Service", "Department"),
      missingCodes: false,
      options: [
        opt("internal_medicine", "Médecine interne", "Internal medicine"),
        opt("haematology", "Hématologie", "Haematology"),
        opt("rheumatology", "Rhumatologie", "Rheumatology"),
        opt("dermatology", "Dermatologie", "Dermatology"),
        opt("other", "Autre (préciser)", "Other (specify)"),
      ],
    },
    {
      id: "department_other",
      type: "text",
      label: l("Service : préciser", "Department: specify"),
      maxLength: 100,
      missingCodes: false,
      showIf: { field: "department", equals: "other" },
    },
    {
      id: "sex",
      type: "choice",
      label: l("Sexe", "Sex"),
      missingCodes: false,
      options: [opt("F", "Femme", "Female"), opt("M", "Homme", "Male")],
    },
    {
      id: "filled_by",
      type: "choice",
      label: l("Fiche remplie par", "Form completed by"),
      missingCodes: false,
      options: [
        opt("clinician", "Le clinicien en charge du patient", "The clinician in charge of the patient"),
        opt(
          "research_assistant_with_clinician",
          "Un attaché de recherche clinique avec le clinicien",
          "A research assistant together with the clinician",
        ),
      ],
    },
    {
      id: "elig_dm",
      type: "yesno",
      label: l("Diagnostic de dermatomyosite", "Dermatomyositis diagnosis"),
      missingCodes: false,
      group: l("Critères d'éligibilité", "Eligibility criteria"),
    },
    {
      id: "elig_sam",
      type: "yesno",
      label: l("SAM compliquant la dermatomyosite", "MAS complicating the dermatomyositis"),
      missingCodes: false,
    },
    {
      id: "sam_date",
      type: "date",
      label: l("Date du diagnostic de SAM", "Date of MAS diagnosis"),
      help: l(
        "Entre le 01/01/2010 et le 01/10/2020 (protocole). Date complète : les délais en dépendent.",
        "Between 2010-01-01 and 2020-10-01 (protocol). Full date: delays depend on it.",
      ),
      // Day precision: eligibility at the window's edges and every delay depend on it.
      precisions: ["day"],
      missingCodes: false,
    },
    {
      id: "elig_france",
      type: "yesno",
      label: l("Diagnostic porté en France", "Diagnosed in France"),
      missingCodes: false,
    },
  ],
} as const satisfies SectionDef;
