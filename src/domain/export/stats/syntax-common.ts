// What every syntax file says about the data it loads.
export const CODEBOOK_NOTE =
  "Generated from columns.csv (types, labels, coded values). Missing-data codes: NK not known, ND not done, NAP not applicable (hidden by a condition); only an empty cell is a missing value.";
