// Property: whatever number is typed, in whichever accepted unit of whichever
// number field, the canonical value stored (toCanonical) is refused by the
// hard range exactly when the spec's limits say so — computed here in exact
// decimal arithmetic from the spec's own table (crf-spec.md §2, §3, §6), not
// from the definition.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { TOP_LEVEL_FIELDS } from "@/domain/crf/definition";
import { checkFieldAnswer, toCanonical, unitsOf } from "@/domain/crf/field-rules";
import { parseLocaleNumber } from "@/domain/crf/numbers";
import { CTX, numberField } from "./helpers";

interface SpecNumber {
  readonly hard: readonly [number, number];
  /** unit id → conversion factor to the canonical unit, as a decimal string; the canonical unit first ("1"). */
  readonly units: Readonly<Record<string, string>>;
  readonly integer?: boolean;
}

// crf-spec.md: "hard" column and the alternative units with their conversions.
const SPEC: Readonly<Record<string, SpecNumber>> = {
  weight_kg: { hard: [1, 350], units: { kg: "1" } },
  height_cm: { hard: [40, 250], units: { cm: "1" } },
  mmt8: { hard: [0, 80], units: {}, integer: true },
  ck_max: { hard: [0, 500000], units: { iu_l: "1" } },
  aldolase: { hard: [0, 1000], units: { iu_l: "1" } },
  temp_max: { hard: [30, 45], units: { celsius: "1" } },
  haemoglobin: { hard: [1, 25], units: { g_dl: "1", g_l: "0.1", mmol_l: "1.611" } },
  leukocytes: { hard: [0, 500], units: { g_per_l: "1", per_mm3: "0.001" } },
  neutrophils: { hard: [0, 300], units: { g_per_l: "1" } },
  lymphocytes: { hard: [0, 300], units: { g_per_l: "1" } },
  platelets: { hard: [0, 3000], units: { g_per_l: "1", per_mm3: "0.001" } },
  ferritin: { hard: [0, 500000], units: { ug_l: "1", ng_ml: "1" } },
  triglycerides: { hard: [0, 100], units: { mmol_l: "1", g_l: "1.129", mg_dl: "0.01129" } },
  fibrinogen: { hard: [0, 20], units: { g_l: "1", mg_dl: "0.01" } },
  ast: { hard: [0, 50000], units: { iu_l: "1" } },
  alt: { hard: [0, 50000], units: { iu_l: "1" } },
  ldh: { hard: [0, 50000], units: { iu_l: "1" } },
  ck_at_sam: { hard: [0, 500000], units: { iu_l: "1" } },
  crp: { hard: [0, 1000], units: { mg_l: "1" } },
  bilirubin: { hard: [0, 1000], units: { umol_l: "1", mg_dl: "17.1" } },
  sodium: { hard: [90, 200], units: { mmol_l: "1" } },
  creatinine: { hard: [5, 3000], units: { umol_l: "1", mg_dl: "88.4" } },
  d_dimers: { hard: [0, 100000], units: { ug_l_feu: "1" } },
  scd25: { hard: [0, 100000], units: { u_ml: "1" } },
  icu_stay_days: { hard: [0, 365], units: { days: "1" }, integer: true },
};

/** An exact decimal: value = int / 10^scale. */
interface Dec {
  readonly int: bigint;
  readonly scale: number;
}

function dec(s: string): Dec {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) throw new Error(`not a decimal: ${s}`);
  const frac = m[3] ?? "";
  const int = BigInt(`${m[2]}${frac}`);
  return { int: m[1] ? -int : int, scale: frac.length };
}

const pow10 = (n: number): bigint => 10n ** BigInt(n);

/** Sign of a × b − c, exactly. */
function compareProduct(a: Dec, b: Dec, c: Dec): -1 | 0 | 1 {
  const scale = Math.max(a.scale + b.scale, c.scale);
  const left = a.int * b.int * pow10(scale - a.scale - b.scale);
  const right = c.int * pow10(scale - c.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Typed text of `int / 10^scale`, with a comma or a dot. */
function typed(int: bigint, scale: number, comma: boolean): string {
  const neg = int < 0n;
  const digits = (neg ? -int : int).toString().padStart(scale + 1, "0");
  const whole = digits.slice(0, digits.length - scale);
  const frac = digits.slice(digits.length - scale).replace(/0+$/, "");
  return `${neg ? "-" : ""}${whole}${frac ? `${comma ? "," : "."}${frac}` : ""}`;
}

const DECIMALS = 4;

const FIELD_UNITS = Object.entries(SPEC).flatMap(([id, spec]) =>
  Object.keys(spec.units).length === 0
    ? [{ id, unit: undefined as string | undefined }]
    : Object.keys(spec.units).map((unit) => ({ id, unit })),
);

/** The entered amount (scaled by 10^DECIMALS) nearest to a canonical limit in this unit. */
function nearLimit(limit: number, factor: string): bigint {
  const f = dec(factor);
  // limit / factor × 10^DECIMALS, rounded down exactly.
  return (BigInt(limit) * pow10(f.scale + DECIMALS)) / f.int;
}

const entry = fc
  .record({
    fu: fc.constantFrom(...FIELD_UNITS),
    nearEdge: fc.boolean(),
    upper: fc.boolean(),
    delta: fc.integer({ min: -3, max: 3 }),
    spread: fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
    comma: fc.boolean(),
  })
  .map(({ fu, nearEdge, upper, delta, spread, comma }) => {
    const spec = SPEC[fu.id]!;
    const factor = fu.unit ? spec.units[fu.unit]! : "1";
    const step = spec.integer ? pow10(DECIMALS) : 1n;
    const [min, max] = spec.hard;
    const edge = nearLimit(upper ? max : min, factor);
    // Near an edge: a few smallest steps around it; otherwise anywhere within ±3× the upper limit.
    const span = nearLimit(max, factor) * 3n + pow10(DECIMALS);
    let scaled = nearEdge ? edge + BigInt(delta) * step : spread % span;
    if (spec.integer) scaled -= scaled % pow10(DECIMALS);
    return { id: fu.id, unit: fu.unit, factor, text: typed(scaled, DECIMALS, comma) };
  });

describe("hard limits — property over every number field and accepted unit", () => {
  it("the definition's number fields and units are the spec's, with the spec's factors", () => {
    const numbers = TOP_LEVEL_FIELDS.filter((f) => f.type === "number").map((f) => f.id);
    expect([...numbers].sort()).toEqual(Object.keys(SPEC).sort());
    for (const [id, spec] of Object.entries(SPEC)) {
      const f = numberField(id);
      expect(Object.fromEntries(unitsOf(f).map((u) => [u.id, u.factor])), id).toEqual(
        Object.fromEntries(Object.entries(spec.units).map(([u, k]) => [u, Number(k)])),
      );
      expect([f.hard.min, f.hard.max], id).toEqual([...spec.hard]);
    }
  });

  it("a typed value is refused by the hard range exactly when value × factor lies outside the spec's limits", () => {
    fc.assert(
      fc.property(entry, ({ id, unit, factor, text }) => {
        const field = numberField(id);
        const spec = SPEC[id]!;
        const n = parseLocaleNumber(text);
        expect(n, text).toBeDefined();
        const v = toCanonical(field, n!, unit);
        expect(v, `${text} ${unit}`).toBeDefined();
        const converted = unit !== undefined && unit !== field.unit?.id;
        const issues = checkFieldAnswer(
          field,
          { v: v!, ...(unit ? { unit } : {}), ...(converted ? { entered: n! } : {}) },
          CTX,
        );
        const errors = issues.filter((i) => i.level === "error").map((i) => i.key);

        const amount = dec(text.replace(",", "."));
        const below = compareProduct(amount, dec(factor), dec(String(spec.hard[0]))) < 0;
        const above = compareProduct(amount, dec(factor), dec(String(spec.hard[1]))) > 0;
        const expected = below ? ["crf.number.belowHard"] : above ? ["crf.number.aboveHard"] : [];
        expect(errors, `${id}: ${text} ${unit ?? ""} → ${v}`).toEqual(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it("examples at the edges, in alternative units", () => {
    const hard = (id: string, entered: number, unit: string) => {
      const f = numberField(id);
      const v = toCanonical(f, entered, unit)!;
      return checkFieldAnswer(f, { v, unit, entered }, CTX)
        .filter((i) => i.level === "error")
        .map((i) => i.key);
    };
    expect(hard("haemoglobin", 250, "g_l")).toEqual([]);
    expect(hard("haemoglobin", 250.1, "g_l")).toEqual(["crf.number.aboveHard"]);
    expect(hard("haemoglobin", 10, "g_l")).toEqual([]);
    expect(hard("haemoglobin", 9.9, "g_l")).toEqual(["crf.number.belowHard"]);
    expect(hard("platelets", 3_000_000, "per_mm3")).toEqual([]);
    expect(hard("platelets", 3_000_001, "per_mm3")).toEqual(["crf.number.aboveHard"]);
    expect(hard("fibrinogen", 2000, "mg_dl")).toEqual([]);
    expect(hard("fibrinogen", 2000.01, "mg_dl")).toEqual(["crf.number.aboveHard"]);
    // 8857.4 mg/dL × 0.01129 = 100.0000 46 mmol/L.
    expect(hard("triglycerides", 8857.3, "mg_dl")).toEqual([]);
    expect(hard("triglycerides", 8857.4, "mg_dl")).toEqual(["crf.number.aboveHard"]);
    // 5 µmol/L = 0.05656… mg/dL.
    expect(hard("creatinine", 0.0566, "mg_dl")).toEqual([]);
    expect(hard("creatinine", 0.0565, "mg_dl")).toEqual(["crf.number.belowHard"]);
  });
});
