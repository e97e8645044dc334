// Drug names → the controlled list of CRF §5 (src/domain/doses/drugs.ts):
// international non-proprietary names (FR, EN) and brand names sold in France.
// Matching is exact on whole words of the folded text: a misspelt or unknown
// name is never mapped to the nearest known drug (it becomes "other").

export const DRUG_NAMES: Readonly<Record<string, readonly string[]>> = {
  methylprednisolone_iv: ["methylprednisolone", "methyl-prednisolone", "methylpred", "solumedrol", "solu-medrol", "mp iv", "mpiv",
    "(?<=(?:pulses?|bolus)(?: de| of)? )mp"],
  prednisone: ["prednisone", "prednisolone", "cortancyl", "solupred", "corticotherapie orale", "oral prednisone", "pred"],
  dexamethasone: ["dexamethasone", "dectancyl", "neodex", "dex"],
  ivig: [
    "immunoglobulines? intraveineuses?", "immunoglobulines? polyvalentes?", "immunoglobulines? iv", "igiv", "ivig", "ig iv",
    "tegeline", "privigen", "octagam", "gammagard", "kiovig", "clairyg", "flebogamma", "intravenous immunoglobulins?",
    "iv immunoglobulins?", "panzyga", "hizentra",
  ],
  etoposide: ["etoposide", "vp-?16", "vepeside", "celltop", "etopophos"],
  ciclosporin: ["ciclosporine", "cyclosporine", "ciclosporin", "cyclosporin", "neoral", "sandimmun", "csa"],
  tacrolimus: ["tacrolimus", "prograf", "advagraf", "envarsus", "modigraf", "fk506"],
  anakinra: ["anakinra", "kineret"],
  tocilizumab: ["tocilizumab", "roactemra", "actemra"],
  ruxolitinib: ["ruxolitinib", "jakavi"],
  tofacitinib: ["tofacitinib", "xeljanz"],
  baricitinib: ["baricitinib", "olumiant"],
  emapalumab: ["emapalumab", "gamifant"],
  rituximab: ["rituximab", "mabthera", "rituxan", "truxima", "rixathon", "ruxience"],
  cyclophosphamide_iv: ["cyclophosphamide", "endoxan", "cytoxan"],
  methotrexate: ["methotrexate", "mtx", "novatrex", "metoject", "imeth", "nordimet"],
  mycophenolate_mofetil: ["mycophenolate mofetil", "mycophenolate", "cellcept", "mmf", "myfortic", "acide mycophenolique"],
  azathioprine: ["azathioprine", "imurel", "imuran"],
  hydroxychloroquine: ["hydroxychloroquine", "plaquenil", "hcq"],
  plasma_exchange: ["echanges? plasmatiques?", "plasmapheres[ei]s", "plasma exchanges?", "therapeutic plasma exchange"],
  alemtuzumab: ["alemtuzumab", "campath", "lemtrada"],
};

/**
 * Context that makes a word a drug name even when it is not listed: "traité par X", "X 8 mg/kg".
 * Used to propose unknown or misspelt names as "other" with the name as written.
 */
export const TREATMENT_CUES_BEFORE: readonly string[] = [
  "traitee? par", "traitement par", "sous", "introduction d[e']", "introduction du", "relais par", "ajout d[e']", "ajout du",
  "mise sous", "instauration d[e']", "initiation d[e']", "a recu", "recoit", "administration d[e']", "perfusion d[e']",
  "bolus d[e']", "cure d[e']", "treated with", "treatment with", "started on", "received", "was given", "therapy with",
  "switched to", "add-on", "initiated",
];

/** Words that look like drugs in such contexts but are not (procedures, classes, common nouns). */
export const NOT_DRUG_WORDS: readonly string[] = [
  "corticoides", "corticotherapie", "corticosteroides", "corticosteroids", "steroids", "steroides", "immunosuppresseurs",
  "immunosuppressants", "antibiotiques", "antibiotherapie", "antibiotics", "antiviraux", "oxygene", "oxygen", "dialyse",
  "hemodialyse", "ventilation", "intubation", "transfusion", "transfusions", "bolus", "perfusion", "traitement", "treatment",
  "therapy", "surveillance", "reanimation", "la", "le", "les", "un", "une", "des", "du", "de", "a", "an", "the", "high", "dose",
  "doses", "forte", "fortes", "voie", "iv", "sc", "per", "os", "mg", "g", "jour", "day", "daily", "mg/kg", "association",
  "culots", "globulaires", "plaquettes", "platelets", "red", "cells", "noradrenaline", "norepinephrine", "amines",
  "vasopresseurs", "vasopressors", "antalgiques", "morphine", "paracetamol", "doliprane", "ivermectine", "bactrim",
  "cotrimoxazole", "valaciclovir", "ganciclovir", "aciclovir", "foscarnet", "piperacilline", "tazobactam", "meropeneme",
  "amoxicilline", "ceftriaxone", "vancomycine", "voriconazole", "fluconazole", "caspofungine", "omeprazole", "calcium",
  "vitamine", "lovenox", "enoxaparine", "heparine", "insuline", "ambisome", "amphotericine", "glucantime",
  "pantoprazole", "esomeprazole", "inexium", "potassium", "fer", "kardegic", "aspirine", "deux", "trois", "quatre",
  "cinq", "six", "une", "deux", "2", "3", "4", "5",
  // Usual co-medications of a discharge list: not MAS treatments, never proposed as "other".
  "lasilix", "furosemide", "lasix", "amlor", "amlodipine", "tahor", "atorvastatine", "kayexalate", "zelitrex", "oracilline",
  "calcidose", "uvedose", "cacit", "orocal", "fortimel", "levothyrox", "metformine", "lantus", "novorapid", "eupantol", "mopral",
  "lansoprazole", "tramadol", "oxynorm", "skenan", "actiskenan", "acupan", "nefopam", "spasfon", "primperan", "zophren",
  "xanax", "seresta", "stilnox", "imovane", "deroxat", "seroquel", "tercian", "loxapac", "innohep", "fragmine", "coumadine",
  "previscan", "eliquis", "xarelto", "plavix", "bisoprolol", "cardensiel", "coversyl", "triatec", "ramipril", "aldactone",
  "cordarone", "digoxine", "nicardipine", "loxen", "kaleorid", "diffu-k", "magnesium", "speciafoldine", "tardyferon",
  "ferinject", "aranesp", "neupogen", "granocyte", "zarzio", "filgrastim", "fungizone", "triflucan", "cancidas", "vfend",
  "noxafil", "posaconazole", "tazocilline", "augmentin", "claforan", "rocephine", "cefotaxime", "amikacine", "gentamicine",
  "flagyl", "metronidazole", "ciflox", "ciprofloxacine", "levofloxacine", "tavanic", "zyvoxid", "linezolide", "targocid",
  "cymevan", "valganciclovir", "rovalcyte", "foscavir", "zovirax", "stromectol", "dafalgan", "efferalgan", "ibuprofene",
  "topalgic", "contramal", "fentanyl", "durogesic", "polaramine", "atarax", "cotrimoxazole", "sulfamethoxazole",
  "cefepime", "imipenem", "tienam", "ertapenem", "invanz", "cefazoline", "oxacilline", "cloxacilline", "clindamycine",
  "dalacine", "rifampicine", "moxifloxacine", "azithromycine", "zithromax", "spiramycine", "rovamycine", "erythromycine",
  "doxycycline", "daptomycine", "teicoplanine", "colimycine", "fosfomycine", "cidofovir", "remdesivir", "oseltamivir",
  "tamiflu", "isavuconazole", "cresemba", "micafungine", "mycamine", "atovaquone", "wellvone", "pentamidine", "meropenem",
  "piperacillin", "cefepime", "ceftazidime", "fortum", "aztreonam", "amoxicillin", "vancomycin", "gentamicin", "ciprofloxacin",
  "acyclovir", "valacyclovir", "fluconazole", "caspofungin", "voriconazole", "hydrocortisone", "fludrocortisone",
  "g-csf", "epo", "nutrition", "heparin", "enoxaparin", "insulin", "acetaminophen", "omeprazole", "pantoprazole",
  "pneumocystose", "ck-mb", "cpk-mb", "troponine", "troponin", "transfusion", "albumine", "kcl", "nacl", "glucose", "serum", "plasma", "cgr", "cup", "pfc",
];
