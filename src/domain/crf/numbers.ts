// Numbers as clinicians type them: "1,5" and "1.5", "250 000", "1 500,5".

/** Parses a typed number; undefined when it is not one. */
export function parseLocaleNumber(raw: string): number | undefined {
  const s = raw.trim().replace(/[\s\u00a0\u202f]/g, "");
  if (s === "") return undefined;
  // One decimal separator at most, either "," or "."; no thousands separators but spaces.
  if (!/^[+-]?(\d+([.,]\d*)?|[.,]\d+)$/.test(s)) return undefined;
  const n = Number(s.replace(",", "."));
  return Number.isFinite(n) ? n : undefined;
}

/** Removes floating-point noise from a conversion (12 significant digits). */
export function cleanNumber(n: number): number {
  return Number.parseFloat(n.toPrecision(12));
}

/** How many decimals a typed number has ("1,50" → 2). */
export function decimalsOf(raw: string): number {
  const m = /[.,](\d+)$/.exec(raw.trim());
  return m?.[1]?.length ?? 0;
}
