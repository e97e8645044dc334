// Messages of the bulk import (wide-import.ts, src/server/imports.server.ts), FR and EN, served under
// "errors" (src/i18n/domain-messages.ts). Typographic apostrophes (’): a straight ' is ICU's quote.

const fr = {
  import: {
    unknownCode: "{field} : « {value} » n’est pas un code de ce champ.",
    notANumber: "{field} : « {value} » n’est pas un nombre.",
    noCases:
      "Fichier : aucune table des dossiers (cases.csv ou la feuille « cases » du classeur) avec les colonnes record_id, initials et birth_date.",
    unreadable: "Fichier « {name} » : ni CSV ni XLSX lisible.",
    inflatedTooLarge:
      "Fichier « {name} » : une fois décompressé, le classeur dépasse {max} Mo. Envoyez les données en CSV, ou en plusieurs classeurs.",
    centre: "Centre : choisissez un centre enregistré de l’étude.",
    duplicate: "Un dossier {initials} né(e) le {birthDate} existe déjà dans ce centre, ou plus haut dans le fichier.",
  },
} as const;

type ImportCatalogue = { readonly import: Record<keyof typeof fr.import, string> };

const en: ImportCatalogue = {
  import: {
    unknownCode: "{field}: “{value}” is not a code of this field.",
    notANumber: "{field}: “{value}” is not a number.",
    noCases:
      "File: no cases table (cases.csv or the workbook's “cases” sheet) with the columns record_id, initials and birth_date.",
    unreadable: "File “{name}”: neither a readable CSV nor XLSX.",
    inflatedTooLarge:
      "File “{name}”: uncompressed, the workbook exceeds {max} MB. Send the data as CSV, or in several workbooks.",
    centre: "Centre: choose a centre registered in the study.",
    duplicate: "A case {initials} born on {birthDate} already exists in this centre, or earlier in the file.",
  },
};

export const importMessages = { fr, en } as const;
