// Cut-off comparisons on decimal lab values. Values reach the scores after unit
// conversion (g/L ÷ 10, mg/dL × 0.01129, …), so 9.2 g/dL may arrive as
// 9.200000000000001 and 1.5 mmol/L as 1.4999999999999998. Comparing raw doubles
// would put such values on the wrong side of a cut-off; comparing them after
// rounding to a fixed number of decimals (far finer than any lab reports) does not.

const DECIMALS = 6;
const SCALE = 10 ** DECIMALS;

function scaled(x: number): number {
  return Math.round(x * SCALE);
}

/** Sign of (value − cutoff) once both are rounded to 6 decimals. */
export function compareDecimal(value: number, cutoff: number): -1 | 0 | 1 {
  const d = scaled(value) - scaled(cutoff);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

export const lt = (value: number, cutoff: number): boolean => compareDecimal(value, cutoff) < 0;
export const le = (value: number, cutoff: number): boolean => compareDecimal(value, cutoff) <= 0;
export const gt = (value: number, cutoff: number): boolean => compareDecimal(value, cutoff) > 0;
export const ge = (value: number, cutoff: number): boolean => compareDecimal(value, cutoff) >= 0;

/** Round half away from zero to `decimals` places, immune to the 1.005 → 1.00 artefact. */
export function roundTo(x: number, decimals: number): number {
  const factor = 10 ** decimals;
  // Rounding the scaled value to 3 decimals first absorbs the representation
  // error (1.005 is stored as 1.00499999999999989…) before the real rounding.
  const cleaned = Math.round(Math.abs(x) * factor * 1e3) / 1e3;
  return (Math.sign(x) * Math.round(cleaned)) / factor;
}
