// The word lists the name rules read (names.ts): titles, the words that introduce a patient or a relative,
// name particles, and the context words that make a name an eponym, an institution or a place. Small,
// hand-curated sets kept apart from the rules so that they can be reviewed as lists.
import { set } from "./tokens";

/** Courtesy and professional titles: the word after one is read as a name, whatever its case. */
export const TITLES = set(
  "madame mademoiselle monsieur mme mmes mlle mlles melle mr mrs ms miss dr drs docteur doctor pr prof professeur professor mister sir " +
    "herr frau senor senora senorita sra srta signor signora signorina",
);
export const PATIENT = set("patient patiente patients patientes famille family");
// A form's name field: "Nom : Kowalczyk", "nom : dupont" (only before a colon: "nom commercial").
export const NAME_FIELD = set("nom name surname");
export const RELATIONS = set(
  "fille fils mari epouse epoux conjoint conjointe compagnon compagne mere pere frere soeur sœur tante oncle cousin cousine niece neveu " +
    "petite-fille petit-fils prenom prenommee prenomme appelee appele dite dit surnommee daughter son husband wife mother father brother " +
    "sister aunt uncle niece nephew partner named called nicknamed",
);
export const SAINTS = set("st ste saint sainte san santa sao");
export const PARTICLES = set("de du des la le van von da di del della ben el al mac st saint sainte");
export const INSTITUTIONS = set(
  "hopital hopitaux hospital chu chr ch chi chru clinique clinic centre center institut institute fondation foundation laboratoire labo " +
    "laboratory lab lycee college ecole universite university faculte pavillon batiment service unite unit ward departement department " +
    "rue avenue boulevard bd place allee quai impasse chemin route square street road ehpad residence maison groupe gh aphp ap-hp hcl hegp " +
    "prix salle amphitheatre amphi cabinet pole polyclinique site campus hospitalier hospitaliere universitaire regional regionale " +
    "general generale intercommunal intercommunale departemental departementale prive privee secteur aile etage lit " +
    "chambre box bloc",
);
// Nouns that make the following name an eponym ("syndrome de Sjögren", "signe de Raynaud").
export const EPONYM_HEADS_FR = set(
  "maladie maladies syndrome syndromes angine pupille contracture anevrisme signe signes papule papules phenomene test score scores critere criteres classification " +
    "lymphome sarcome reaction manoeuvre echelle nodule nodules nodosites cellule cellules corps granulome triade tetrade loi methode " +
    "technique procedure operation intervention coloration stade index indice formule equation sonde catheter position ligne point angle " +
    "espace canal tumeur fracture luxation ulcere purpura erytheme thyroidite encephalopathie encephalite myopathie dystrophie anomalie " +
    "malformation cardiopathie anemie leucemie ataxie choree paralysie kyste diverticule hernie proteine bacille corpuscules regle " +
    "sequence association sclerose neuropathie vascularite arterite polyarthrite ostéite osteite bloc reflexe cercle tache taches lignes",
);
export const EPONYM_HEADS_EN = set(
  "disease diseases syndrome syndromes virus bacteria angina pupil tumor tumour contracture aneurysm sign signs phenomenon test score criteria classification lymphoma sarcoma reaction maneuver " +
    "manoeuvre scale nodules nodes cells cell bodies body granuloma triad law method procedure operation stain staining stage staging " +
    "index formula equation catheter tube position line lines papules palsy protein proteins thyroiditis disorder anomaly sequence " +
    "ulcer fracture purpura spots sarcoidosis arteritis encephalopathy encephalitis myopathy dystrophy anemia anaemia leukemia ataxia " +
    "chorea paralysis cyst diverticulum hernia reflex block bundle circle",
);
// Verbs that follow a title in notes ("Mme marche avec une canne", "M. reste fébrile"):
// surnames too ("Marche", "Reste"), but not names there.
export const VERBS_AFTER_TITLE = set(
  "est a va vient revient part sort rentre reste marche porte garde dit signale rapporte decrit presente souffre tousse mange boit dort " +
    "accepte refuse souhaite demande veut peut doit fait recoit beneficie pese mesure vit habite travaille parle comprend sait arrive " +
    "se ne sera etait avait aura n s is was has had will can says reports feels walks remains",
);
export const SURNAME_THEN_AGE = /^(?:,|, | \(|,? -) ?\d{1,3} ?(?:ans|an|years?|yrs?|yo|y\.o\.)(?!\p{L})/iu;
export const MAIDEN = set("ne nee epouse ep veuve vve");
