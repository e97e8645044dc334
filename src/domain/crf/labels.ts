// Small helpers to write the definition tersely.
import type { Localised, OptionDef } from "./types";

export const l = (fr: string, en: string): Localised => ({ fr, en });

export const opt = (value: string, fr: string, en: string): OptionDef => ({ value, label: { fr, en } });

export const YES_NO: readonly OptionDef[] = [opt("yes", "Oui", "Yes"), opt("no", "Non", "No")];
