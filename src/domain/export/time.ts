// Date-times of the exports in the study's time zone. The database keeps UTC;
// French users read the XLSX and REDCap files in Paris time, so those files
// give the wall-clock time in Europe/Paris together with its offset (ISO 8601:
// 2026-11-20T11:00:00+01:00), never a bare UTC time that reads 1–2 h off.

export const STUDY_TIME_ZONE = "Europe/Paris";

const PARTS = new Intl.DateTimeFormat("en-GB", {
  timeZone: STUDY_TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

export interface ZonedDateTime {
  /** "YYYY-MM-DD HH:MM:SS", wall-clock time in Paris. */
  readonly local: string;
  /** "+01:00" or "+02:00". */
  readonly offset: string;
  /** The wall-clock time as if it were UTC (for a spreadsheet date-time cell, which has no zone). */
  readonly wallClock: Date;
}

/** An ISO UTC date-time ("2026-11-20T10:00:00.000Z") in Paris time; null when it is not one. */
export function parisTime(iso: string): ZonedDateTime | null {
  const at = new Date(iso);
  if (Number.isNaN(at.getTime())) return null;
  const p = Object.fromEntries(PARTS.formatToParts(at).map((x) => [x.type, x.value]));
  const local = `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
  const wallClock = new Date(`${local.replace(" ", "T")}Z`);
  const minutes = Math.round((wallClock.getTime() - Math.floor(at.getTime() / 1000) * 1000) / 60000);
  const sign = minutes < 0 ? "-" : "+";
  const abs = Math.abs(minutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
  return { local, offset, wallClock };
}

/** ISO 8601 with the Paris offset: "2026-11-20T11:00:00+01:00" (the text unchanged if it is no date-time). */
export function parisIso(iso: string): string {
  const t = parisTime(iso);
  return t ? `${t.local.replace(" ", "T")}${t.offset}` : iso;
}
