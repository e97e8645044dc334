// Dates as clinicians type them, at the precision they know: "12/03/2015",
// "03/2015", "2015", or ISO "2015-03-12". Stored as ISO partial dates.
import { parsePartialDate } from "./partial-dates";

export function parseDateInput(raw: string): string | undefined {
  const s = raw.trim().replace(/\s+/g, "");
  let iso: string | undefined;
  let m: RegExpExecArray | null;
  if ((m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s)))
    iso = `${m[3]}-${m[2]!.padStart(2, "0")}-${m[1]!.padStart(2, "0")}`;
  else if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(s))) iso = `${m[2]}-${m[1]!.padStart(2, "0")}`;
  else if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) iso = s;
  return iso && parsePartialDate(iso) ? iso : undefined;
}

/** ISO partial date → how it is shown in the field (French order in both languages: dd/mm/yyyy). */
export function formatDateForInput(iso: string): string {
  const [y, m, d] = iso.split("-");
  if (d) return `${d}/${m}/${y}`;
  if (m) return `${m}/${y}`;
  return y ?? "";
}
