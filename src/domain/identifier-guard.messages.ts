// Messages of the pseudonymisation guard for free text (CRF spec §9), in ICU
// MessageFormat for next-intl. French first; English must have the same keys
// (enforced below by `satisfies`). Params: {count} hits of that kind,
// {excerpt} the first hit masked after its first character (never the
// identifier in full); tooLong takes {length} and {max}; several takes {count} (number
// of kinds) and one select param per kind ("yes"/"no") so that it names every kind found.
// Typographic apostrophes (’) on purpose: a straight ' is ICU's quote character.

const fr = {
  identifierGuard: {
    email:
      "Identifiant direct détecté : {count, plural, one {une adresse e-mail (« {excerpt} »)} other {# adresses e-mail, dont « {excerpt} »}}. Merci de {count, plural, one {la supprimer} other {les supprimer}} : le dossier doit rester pseudonymisé.",
    phone:
      "Identifiant direct détecté : {count, plural, one {un numéro de téléphone (« {excerpt} »)} other {# numéros de téléphone, dont « {excerpt} »}}. Merci de {count, plural, one {le supprimer} other {les supprimer}} : le dossier doit rester pseudonymisé.",
    nir: "Identifiant direct détecté : {count, plural, one {un numéro de sécurité sociale (« {excerpt} »)} other {# numéros de sécurité sociale, dont « {excerpt} »}}. Merci de {count, plural, one {le supprimer} other {les supprimer}} : le dossier doit rester pseudonymisé.",
    hospitalNumber:
      "Identifiant possible détecté : {count, plural, one {un numéro long (« {excerpt} ») qui ressemble à un numéro de patient ou de séjour (IPP, NDA)} other {# numéros longs, dont « {excerpt} », qui ressemblent à des numéros de patient ou de séjour (IPP, NDA)}}. Merci de {count, plural, one {le supprimer} other {les supprimer}} : le dossier doit rester pseudonymisé.",
    birthDate:
      "Identifiant possible détecté : {count, plural, one {une date complète (« {excerpt} »)} other {# dates complètes, dont « {excerpt} »}}. Une date avec jour, mois et année peut identifier le patient : merci de ne garder que le mois et l’année, ou d’utiliser le champ date prévu.",
    name: "Identifiant direct détecté : {count, plural, one {un nom de personne (« {excerpt} »)} other {# noms de personne, dont « {excerpt} »}}. Merci de {count, plural, one {le supprimer} other {les supprimer}} (les initiales suffisent) : le dossier doit rester pseudonymisé.",
    address:
      "Identifiant direct détecté : {count, plural, one {une adresse postale (« {excerpt} »)} other {# adresses postales, dont « {excerpt} »}}. Merci de {count, plural, one {la remplacer} other {les remplacer}} par « [adresse] » : le dossier doit rester pseudonymisé.",
    age: "Identifiant possible détecté : {count, plural, one {un âge écrit à côté d’un nom (« {excerpt} »)} other {# âges écrits à côté d’un nom, dont « {excerpt} »}}. Avec le nom, il identifie le patient : merci de {count, plural, one {le remplacer} other {les remplacer}} par « [âge] ».",
    birthPlace:
      "Identifiant possible détecté : {count, plural, one {un lieu de naissance (« {excerpt} »)} other {# lieux de naissance, dont « {excerpt} »}}. Merci de {count, plural, one {le remplacer} other {les remplacer}} par « [lieu de naissance] » : le dossier doit rester pseudonymisé.",
    several:
      "{count} types d’identifiants détectés :{name, select, yes { nom ;} other {}}{address, select, yes { adresse ;} other {}}{phone, select, yes { téléphone ;} other {}}{email, select, yes { e-mail ;} other {}}{nir, select, yes { numéro de sécurité sociale ;} other {}}{hospital_id, select, yes { numéro hospitalier (IPP, NDA) ;} other {}}{birth_date, select, yes { date de naissance ;} other {}}{age, select, yes { âge ;} other {}}{birth_place, select, yes { lieu de naissance ;} other {}} merci de les remplacer par des mentions neutres (« [nom] »…) : le dossier doit rester pseudonymisé.",
    tooLong:
      "Le texte est trop long : {length, plural, one {# caractère} other {# caractères}} pour {max, plural, one {# caractère} other {# caractères}} au maximum. Merci de le raccourcir.",
  },
} as const;

type IdentifierGuardCatalogue = { readonly identifierGuard: Record<keyof typeof fr.identifierGuard, string> };

const en = {
  identifierGuard: {
    email:
      "Direct identifier found: {count, plural, one {an e-mail address (“{excerpt}”)} other {# e-mail addresses, including “{excerpt}”}}. Please remove {count, plural, one {it} other {them}}: the record must stay pseudonymised.",
    phone:
      "Direct identifier found: {count, plural, one {a phone number (“{excerpt}”)} other {# phone numbers, including “{excerpt}”}}. Please remove {count, plural, one {it} other {them}}: the record must stay pseudonymised.",
    nir: "Direct identifier found: {count, plural, one {a French social security number (“{excerpt}”)} other {# French social security numbers, including “{excerpt}”}}. Please remove {count, plural, one {it} other {them}}: the record must stay pseudonymised.",
    hospitalNumber:
      "Possible identifier found: {count, plural, one {a long number (“{excerpt}”) that looks like a hospital patient or stay number (IPP, NDA)} other {# long numbers, including “{excerpt}”, that look like hospital patient or stay numbers (IPP, NDA)}}. Please remove {count, plural, one {it} other {them}}: the record must stay pseudonymised.",
    birthDate:
      "Possible identifier found: {count, plural, one {a full date (“{excerpt}”)} other {# full dates, including “{excerpt}”}}. A date with day, month and year can identify the patient: please keep only the month and year, or use the date field provided.",
    name: "Direct identifier found: {count, plural, one {a person’s name (“{excerpt}”)} other {# person names, including “{excerpt}”}}. Please remove {count, plural, one {it} other {them}} (initials are enough): the record must stay pseudonymised.",
    address:
      "Direct identifier found: {count, plural, one {a postal address (“{excerpt}”)} other {# postal addresses, including “{excerpt}”}}. Please replace {count, plural, one {it} other {them}} with “[adresse]”: the record must stay pseudonymised.",
    age: "Possible identifier found: {count, plural, one {an age written next to a name (“{excerpt}”)} other {# ages written next to a name, including “{excerpt}”}}. With the name it identifies the patient: please replace {count, plural, one {it} other {them}} with “[âge]”.",
    birthPlace:
      "Possible identifier found: {count, plural, one {a place of birth (“{excerpt}”)} other {# places of birth, including “{excerpt}”}}. Please replace {count, plural, one {it} other {them}} with “[lieu de naissance]”: the record must stay pseudonymised.",
    several:
      "{count} kinds of identifiers found:{name, select, yes { name;} other {}}{address, select, yes { address;} other {}}{phone, select, yes { phone number;} other {}}{email, select, yes { e-mail;} other {}}{nir, select, yes { social security number;} other {}}{hospital_id, select, yes { hospital number (IPP, NDA);} other {}}{birth_date, select, yes { date of birth;} other {}}{age, select, yes { age;} other {}}{birth_place, select, yes { place of birth;} other {}} please replace them with neutral tokens (“[nom]”…): the record must stay pseudonymised.",
    tooLong:
      "The text is too long: {length, plural, one {# character} other {# characters}} for at most {max, plural, one {# character} other {# characters}}. Please shorten it.",
  },
} as const satisfies IdentifierGuardCatalogue;

export const identifierGuardMessages = { fr, en } as const;

export type IdentifierGuardMessageKey = keyof typeof fr.identifierGuard;
