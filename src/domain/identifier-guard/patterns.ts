// Identifiers recognised by their shape: e-mails, phone numbers, NIR, hospital numbers,
// full dates, postal addresses. Runs on the normalised text (normalize.ts): NFKC has
// already turned NBSP/NNBSP into spaces and full-width digits into ASCII ones.
import { CITIES, CLINICAL_TERMS, COMMON_WORDS, FUNCTION_WORDS, wordKey } from "./lexicons";
import type { Span } from "./types";

// ---- e-mail -------------------------------------------------------------------------
// RFC 5322 dot-atom local part (accented letters too); the lookbehind starts a match only
// at the beginning of a run, which keeps the scan linear on long words.
const ATEXT = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~.-]";
const DOMAIN = "[\\p{L}\\p{N}-]+(?:\\.[\\p{L}\\p{N}-]+)*\\.\\p{L}{2,}";
const EMAIL = new RegExp(`(?<!${ATEXT})${ATEXT}+@${DOMAIN}`, "gu");
// Spaced out: "jeanne . dupont @ gmail . com".
// The parts between dots exclude the dot, so that a dotted run splits one way only (no
// exponential backtracking on "a.a.a.a…").
const ATEXT_NO_DOT = "[\\p{L}\\p{N}!#$%&'*+/=?^_`{|}~-]";
const EMAIL_SPACED = new RegExp(
  `(?<!${ATEXT})${ATEXT_NO_DOT}+(?: ?\\. ?${ATEXT_NO_DOT}+)* @ [\\p{L}\\p{N}-]+(?: ?\\. ?[\\p{L}\\p{N}-]+)* ?\\. ?\\p{L}{2,}`,
  "gu",
);
// Obfuscated: "jean.dupont [at] chu-reims.fr", "jdupont(at)free.fr", "j.dupont arobase free.fr".
const EMAIL_OBFUSCATED = new RegExp(
  `(?<!${ATEXT})${ATEXT}+ ?(?:[[({] ?(?:at|arobase|@) ?[\\])}]| (?:at|arobase) )` +
    ` ?[\\p{L}\\p{N}-]+(?:(?:\\.| ?[[(]dot[\\])] ?| dot )[\\p{L}\\p{N}-]+)*(?:\\.| ?[[(]dot[\\])] ?| dot )(?:fr|com|org|net|eu|be|ch|ca|uk|de|it|es|lu|info|io)(?!\\p{L})`,
  "giu",
);

// ---- phone --------------------------------------------------------------------------
// National: 0 + nine or ten digits, one optional separator between digits
// ("06 12 34 56 78", "06.12.34.56.78", "0612 345 678", UK "020 7946 0958").
const PHONE_NATIONAL = /(?<![\p{N}+])0[1-9](?:[ .\-/]?\d){8,9}(?!\p{N})/gu;
// International: +33 6 12 34 56 78, +33 (0)6 12 34 56 78, 0033 6…, +44 20 7946 0958, +1 (555) 123-4567.
const PHONE_INTERNATIONAL =
  /(?<![\p{N}+])(?:\+ ?|00)[1-9]\d{0,2}(?:[ .-]?\(0\))?(?:[ .\-/]?\(?\d{1,4}\)?){2,6}(?!\p{N})/gu;
// North American without country code: (555) 123-4567, 555-123-4567.
const PHONE_NANP = /(?<!\p{N})(?:\(\d{3}\) ?|\d{3}[-.])\d{3}[-.]\d{4}(?!\p{N})/gu;
// After a phone keyword any grouping of 8–15 digits is a number ("tél. 6 12 34 56 78").
const PHONE_KEYWORD =
  /(?<!\p{L})(?:t[ée]l[ée]?phone|t[ée]l|phone|portable|mobile|cell|fixe|fax|joignable|contact|appeler|call)(?!\p{L})[^\p{N}\n]{0,20}?(\+?\d(?:[ .\-/()]{0,2}\d){7,14})(?!\p{N})/giu;
// A date is not a phone number: "01.02.2015 12".
const DATE_PREFIX = /^(?:0?[1-9]|[12]\d|3[01])([./-])(?:0?[1-9]|1[0-2])\1(?:(?:19|20)\d{2}|\d{2})(?![./-]?\d)/;

// ---- NIR and hospital numbers -------------------------------------------------------------
// NIR: sex (1/2, 3 for some foreign-born, 7/8 temporary) + year + month + département
// (2A/2B) + commune + order [+ key]. Spaces, dots or dashes between groups.
const NIR =
  /(?<![\p{L}\p{N}])[12378][ .-]?\d{2}[ .-]?\d{2}[ .-]?(?:\d{2}|2[AB])[ .-]?\d{3}[ .-]?\d{3}(?:[ .-]?\d{2})?(?![\p{L}\p{N}])/giu;
const NIR_KEYWORD =
  /(?:nir|n°? ?ss|s[ée]cu(?:rit[ée] sociale)?|ins|matricule|insee|social security|carte vitale)[^\p{L}\p{N}]*$/iu;
const HOSPITAL_KEYWORD =
  /(?<!\p{L})(?:ipp|nip|nda|nds|mrn|dossier|s[ée]jour|venue|admission|hospitali[sz]ation|identifiant(?: patient)?|id\.? ?patient|patient id|record(?: number| no)?|hospital (?:number|no|id)|n° patient|num[ée]ro patient|n° (?:de )?(?:patient|dossier|s[ée]jour))(?!\p{L})/giu;
// What follows the keyword: "n°", ":", "#", then a code with at least four digits.
const HOSPITAL_CODE =
  /^[^\p{L}\p{N}\n]{0,4}(?:(?:m[ée]dical|medical|patient|hospitalier|administratif|du patient|de la patiente)[^\p{L}\p{N}\n]{0,3})?(?:(?:n°|no|nº|num[ée]ro|number|num)[^\p{L}\p{N}\n]{0,3})?([A-Z]{0,3}[ -]?\d(?:[ ./-]?[\dA-Z]){3,})(?![\p{L}\p{N}])/u;
// Spec §9: a run of 7+ digits is a hospital number, unless a unit follows (a lab value).
const DIGIT_RUN = /(?<![\p{N},.])\d{7,}(?![\p{N}])/gu;
const UNIT_AFTER =
  /^(?:[.,]\d+)?[ ]?(?:(?:[µμu]g|mg|ng|pg|g|k?UI|U|[mµμu]?mol|copies|cp|log|cellules|cells|\/)(?!\p{L})|\/[ ]?[\p{L}µμ])/iu;

// Batch numbers of drugs, codes of units and professionals, sample sizes: not a patient's number.
const NOT_A_PATIENT_NUMBER =
  /(?:(?<!\p{L})(?:lot|batch|rpps|adeli|finess|siret|siren|cip|ucd|ean)(?!\p{L})[^.;\n]{0,20}|\bn ?= ?)$/iu;

// ---- dates -------------------------------------------------------------------------------
const MONTH =
  "(?:janvier|janv|février|fevrier|févr|fevr|mars|avril|avr|mai|juin|juillet|juil|août|aout|septembre|sept|octobre|oct|novembre|nov|décembre|decembre|déc|dec" +
  "|january|jan|february|feb|march|mar|april|apr|may|june|jun|july|jul|august|aug|september|sep|october|november|december)";
const DAY = "(?:1er|0?[1-9]|[12]\\d|3[01])(?:st|nd|rd|th)?";
const FULL_DATES = [
  /(?<![\p{N}/.-])(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1(?:19|20)\d{2}(?![\p{N}/])/gu,
  // US order, month first: "02/14/1952".
  /(?<![\p{N}/.-])(?:0?[1-9]|1[0-2])([/.-])(?:1[3-9]|2\d|3[01])\1(?:19|20)\d{2}(?![\p{N}/])/gu,
  /(?<![\p{N}/.-])(?:0?[1-9]|[12]\d|3[01])([/.-])(?:0?[1-9]|1[0-2])\1\d{2}(?![\p{N}/])/gu,
  /(?<![\p{N}/.-])(?:19|20)\d{2}([/-])(?:0?[1-9]|1[0-2])\1(?:0?[1-9]|[12]\d|3[01])(?![\p{N}/])/gu,
  new RegExp(`(?<![\\p{L}\\p{N}])${DAY}[ ./-]?(?:de )?${MONTH}\\.?,?[ ./-](?:19|20)\\d{2}(?!\\p{N})`, "giu"),
  new RegExp(`(?<![\\p{L}\\p{N}])${MONTH}\\.? ${DAY},? (?:19|20)\\d{2}(?!\\p{N})`, "giu"),
];
const MONTH_HINT = /janv|f[ée]v|mars|avr|mai|juin|juil|ao[uû]t|sep|oct|nov|d[ée]c|jan|feb|mar|apr|may|jun|jul|aug|dec/i;
// Words that make a full date a date of birth when they come just before it.
const BIRTH_CONTEXT =
  /(?:(?<!\p{L})n[ée]e?s?|naissance|naiss\.?|ddn|d\.d\.n\.?|dob|d\.o\.b\.?|born|birth ?date|date of birth|birthday|anniversaire)(?!\p{L})[^.;\n\p{N}]{0,18}$/iu;

// ---- addresses -----------------------------------------------------------------------------
// No /i flag where \p{Lu} is used (with /iu it would match lower case too): the
// keywords are spelled in lower, Capitalised and UPPER case instead.
const anyCase = (alternatives: string): string =>
  alternatives
    .split("|")
    .flatMap((w) => [w, w.charAt(0).toUpperCase() + w.slice(1), w.toUpperCase()])
    .join("|");
// Way types that are only ever ways, any case: "12 rue de la paix".
const WAYS_SAFE = anyCase(
  "rue|r\\.|avenue|av|bd|boulevard|allée|allee|impasse|chemin|quai|faubourg|fbg|lotissement|lieu-dit|hameau|résidence|residence|rond-point|sentier|ruelle|esplanade|parvis|promenade|montée|montee",
);
// Way types that are also ordinary words ("2 cours de corticoïdes", "12 square centimetres"):
// only before a capitalised name.
const WAYS_PROPER = anyCase(
  "square|villa|cité|cite|route|rte|place|pl|cours|voie|passage|chaussée|chaussee|parc|domaine|clos|mail|traverse",
);
const NAME_WORD = "[\\p{L}][\\p{L}'’-]*";
const PARTICLES = `(?:(?:${anyCase("de la|de l'|de l’|du|des|de|d'|d’|la|le|les|l'|l’|aux|au")})\\s?)?`;
const ADDRESS_FR = new RegExp(
  `(?<![\\p{L}\\p{N}])\\d{1,4}(?: ?(?:bis|ter|quater|[a-d]))?,? (?:${WAYS_SAFE})\\.? ${PARTICLES}${NAME_WORD}(?:[ -]${PARTICLES}\\p{Lu}[\\p{L}'’-]*){0,4}`,
  "gu",
);
const ADDRESS_FR_PROPER = new RegExp(
  `(?<![\\p{L}\\p{N}])\\d{1,4}(?: ?(?:bis|ter|quater|[a-d]))?,? (?:${WAYS_PROPER})\\.? ${PARTICLES}\\p{Lu}[\\p{L}'’-]*(?:[ -]${PARTICLES}\\p{Lu}[\\p{L}'’-]*){0,4}`,
  "gu",
);
const ADDRESS_EN =
  /(?<![\p{L}\p{N}])\d{1,5}[A-Za-z]?,? (?:[A-Z][\p{L}'-]+ ){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Boulevard|Blvd|Court|Ct|Way|Place|Pl|Terrace|Crescent|Close|Square|Parkway|Highway|Gardens|Grove|Row|Mews)\.?(?![\p{L}])/gu;
const EN_WAY_HINT =
  /Street|St\b|Road|Rd\b|Avenue|Ave\b|Lane|Ln\b|Drive|Dr\b|Boulevard|Blvd|Court|Ct\b|Way|Place|Pl\b|Terrace|Crescent|Close|Square|Parkway|Highway|Gardens|Grove|Row|Mews/;
// Postcode + city: "51100 Reims", "75013 PARIS", "F-51100 Reims Cedex", "13001 marseille".
// Overseas postcodes have five digits too: 97110 Pointe-à-Pitre, 97600 Mamoudzou, 98800 Nouméa.
const POSTCODE_CITY =
  /(?<![\p{L}\p{N}])(?:F-)?(?:(?:0[1-9]|[1-8]\d|9[0-5])\d{3}|97[1-6]\d{2}|98\d{3}) ([\p{L}][\p{L}'’-]*(?: (?:[\p{Lu}][\p{L}'’-]*|sur|sous|en|le|la|les|de|cedex|CEDEX)){0,3})/gu;
// A form's postcode field: "CP : 51100", "code postal 51100", "zip code 62704".
const POSTCODE_FIELD =
  /(?<!\p{L})(?:CP|C\.P\.|[Cc]ode [Pp]ostal|[Pp]ostcode|[Zz]ip(?: [Cc]ode)?) ?:? ?\d{5}(?!\p{N})/gu;
// City then postcode: "Reims 51100", "Reims (51100)". Not a decimal ("le 10000,5 mg/L").
const CITY_POSTCODE =
  /(?<![\p{L}\p{N}])([\p{L}][\p{L}'’-]*) \(?(?:(?:0[1-9]|[1-8]\d|9[0-5])\d{3}|97[1-6]\d{2}|98\d{3})\)?(?![\p{L}\p{N}]|[.,]\d)/gu;
// "habite à Reims", "domiciliée à Épernay", "lives in Lyon".
const RESIDENCE = new RegExp(
  `(?<!\\p{L})(?:${anyCase("habite|habitant|domicilié|domiciliée|domicilie|domiciliee|demeurant|réside|reside|résidant|residant|vit|lives|living|resides|residing")})` +
    `(?: (?:actuellement|toujours|seule|seul|now|currently))? (?:à|a|au|aux|en|sur|in|at|À|A) ([\\p{L}][\\p{L}'’-]*(?: [\\p{Lu}][\\p{L}'’-]*){0,2})`,
  "gu",
);
// US ZIP after a state ("IL 62704") and UK postcodes ("SW1A 1AA") after a comma.
const ZIP_US = /(?<=, ?[A-Z]{2} )\d{5}(?:-\d{4})?(?!\p{N})/gu;
const POSTCODE_UK = /(?<=, ?)[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2}(?![\p{L}\p{N}])/gu;

function* matches(re: RegExp, text: string): Generator<RegExpExecArray> {
  re.lastIndex = 0;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m[0].length === 0) re.lastIndex++;
    yield m;
  }
}

const span = (kind: Span["kind"], start: number, end: number): Span => ({ kind, start, end });

/** NIR key: 97 − (13-digit number mod 97); 2A counts as 19 and 2B as 18. Null unless 13 digits. */
export function nirKey(first13: string): number | null {
  const digits = first13.replace(/2A/i, "19").replace(/2B/i, "18");
  if (!/^\d{13}$/.test(digits)) return null;
  return 97 - Number(BigInt(digits) % 97n);
}

/** True when a 15-character NIR (separators allowed) carries the right key. */
export function nirKeyIsValid(nir: string): boolean {
  const compact = nir.replace(/[ .-]/g, "");
  const key = nirKey(compact.slice(0, 13));
  return compact.length === 15 && key !== null && key === Number(compact.slice(13));
}

/** A plausible NIR: valid key, or (tolerant) a month 01–12 / 20–42 / 50–99 and a real département. */
function looksLikeNir(raw: string): boolean {
  if (nirKeyIsValid(raw)) return true;
  const c = raw.replace(/[ .-]/g, "").toUpperCase();
  const month = Number(c.slice(3, 5));
  const dept = c.slice(5, 7);
  const monthOk = (month >= 1 && month <= 12) || (month >= 20 && month <= 42) || month >= 50;
  const deptOk = dept === "2A" || dept === "2B" || (Number(dept) >= 1 && Number(dept) <= 99);
  return monthOk && deptOk;
}

function isWordy(word: string): boolean {
  const k = wordKey(word);
  return COMMON_WORDS.has(k) || FUNCTION_WORDS.has(k) || CLINICAL_TERMS.has(k);
}

/** A city-like word: a known city (any case), or a capitalised word that is not a common or clinical word. */
function cityLike(word: string): boolean {
  const k = wordKey(word);
  if (CITIES.has(k)) return true;
  return /^\p{Lu}/u.test(word) && !isWordy(word) && !/^\p{Lu}{1,3}$/u.test(word);
}

function cityBeforePostcode(word: string): boolean {
  const k = wordKey(word);
  return CITIES.has(k) && !FUNCTION_WORDS.has(k);
}

export function shapeSpans(text: string): Span[] {
  const out: Span[] = [];
  const push = (kind: Span["kind"], m: RegExpExecArray, group?: number) => {
    const value = group === undefined ? m[0] : m[group];
    if (value === undefined) return;
    const start = group === undefined ? m.index : m.index + m[0].lastIndexOf(value);
    out.push(span(kind, start, start + value.length));
  };
  // Cheap tests first: most clinical texts have no "@", no month name, no street word.
  if (text.includes("@")) for (const re of [EMAIL, EMAIL_SPACED]) for (const m of matches(re, text)) push("email", m);
  if (/(?:at|arobase)[\])} ]/i.test(text)) for (const m of matches(EMAIL_OBFUSCATED, text)) push("email", m);
  for (const re of [PHONE_NATIONAL, PHONE_INTERNATIONAL, PHONE_NANP]) {
    for (const m of matches(re, text)) {
      const digits = m[0].replace(/\D/g, "").length;
      if (digits >= 8 && digits <= 15 && !DATE_PREFIX.test(m[0].replace(/^\+ ?/, ""))) push("phone", m);
    }
  }
  for (const m of matches(PHONE_KEYWORD, text)) if (!DATE_PREFIX.test(m[1] ?? "")) push("phone", m, 1);
  for (const m of matches(NIR, text)) {
    const before = text.slice(Math.max(0, m.index - 40), m.index);
    const hospital = /(?:ipp|nip|nda|dossier|s[ée]jour|mrn)[^\p{L}\p{N}]*(?:n°|no)?[^\p{L}\p{N}]*$/iu.test(before);
    if (hospital) push("hospital_id", m);
    else if (NIR_KEYWORD.test(before) || looksLikeNir(m[0])) push("nir", m);
    else push("hospital_id", m);
  }
  // A code after "IPP", "NDA", "dossier"… is a hospital number, whatever it looks like.
  const codes: Span[] = [];
  for (const m of matches(HOSPITAL_KEYWORD, text)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
    const code = HOSPITAL_CODE.exec(after);
    if (code?.[1] && (code[1].match(/\d/g)?.length ?? 0) >= 4) {
      const start = m.index + m[0].length + code[0].lastIndexOf(code[1]);
      codes.push(span("hospital_id", start, start + code[1].length));
    }
  }
  for (let k = out.length - 1; k >= 0; k--) {
    const s = out[k]!;
    if ((s.kind === "phone" || s.kind === "nir") && codes.some((c) => s.start < c.end && c.start < s.end))
      out.splice(k, 1);
  }
  out.push(...codes);
  for (const m of matches(DIGIT_RUN, text)) {
    const end = m.index + m[0].length;
    if (!UNIT_AFTER.test(text.slice(end)) && !NOT_A_PATIENT_NUMBER.test(text.slice(Math.max(0, m.index - 30), m.index)))
      push("hospital_id", m);
  }
  const monthWords = MONTH_HINT.test(text);
  for (const re of FULL_DATES) {
    if (!monthWords && (re === FULL_DATES[4] || re === FULL_DATES[5])) continue;
    for (const m of matches(re, text)) {
      if (BIRTH_CONTEXT.test(text.slice(Math.max(0, m.index - 48), m.index))) push("birth_date", m);
      else out.push({ kind: "birth_date", start: m.index, end: m.index + m[0].length, needsName: true });
    }
  }
  for (const m of matches(ADDRESS_FR_PROPER, text))
    out.push(span("address", m.index, extendPostcode(text, m.index + m[0].length)));
  for (const m of matches(ADDRESS_FR, text))
    out.push(span("address", m.index, extendPostcode(text, m.index + m[0].length)));
  if (EN_WAY_HINT.test(text))
    for (const m of matches(ADDRESS_EN, text))
      out.push(span("address", m.index, extendPostcode(text, m.index + m[0].length)));
  for (const m of matches(POSTCODE_CITY, text)) if (cityLike((m[1] ?? "").split(" ")[0] ?? "")) push("address", m);
  // "le"/"la" are in CITIES for "76600 Le Havre"; before a number they are articles ("le 10000").
  for (const m of matches(CITY_POSTCODE, text)) if (cityBeforePostcode(m[1] ?? "")) push("address", m);
  for (const m of matches(POSTCODE_FIELD, text)) push("address", m);
  for (const m of matches(RESIDENCE, text)) if (cityLike((m[1] ?? "").split(" ")[0] ?? "")) push("address", m, 1);
  for (const re of [ZIP_US, POSTCODE_UK]) for (const m of matches(re, text)) push("address", m);
  return out;
}

/** "12 rue de la Paix" + ", 51100 Reims" → one address. */
function extendPostcode(text: string, end: number): number {
  const tail =
    /^,? ?(?:\d{5}|[A-Z]{1,2}\d[A-Z\d]? \d[A-Z]{2})(?: [\p{L}][\p{L}'’-]*(?: [\p{Lu}][\p{L}'’-]*){0,2})?/u.exec(
      text.slice(end),
    );
  return tail ? end + tail[0].length : end;
}
