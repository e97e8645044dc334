// Choosing one lab value per field: the MAS episode's (dated within ± 7 days
// of the MAS diagnosis, or undated and not marked as an old value), then the
// worst one (lowest, highest, or farthest from normal for sodium).
import { daysBetween } from "@/domain/prefill/dates";
import type { LabValue } from "@/domain/prefill/measurements";
import type { Proposal } from "@/domain/prefill/types";

const WINDOW_DAYS = 7;

function inWindow(v: LabValue, samDate: string | undefined): boolean {
  if (!v.lab.masWindow) return true;
  if (v.old) return false;
  if (!samDate || !v.date) return true;
  // A month- or year-precise date cannot prove the value is within 7 days; keep it when it covers the MAS date.
  if (v.date.precision !== "day") return samDate.startsWith(v.date.value);
  return Math.abs(daysBetween(v.date.value, samDate)) <= WINDOW_DAYS;
}

function worse(a: LabValue, b: LabValue): LabValue {
  switch (a.lab.worst) {
    case "min":
      return b.value < a.value ? b : a;
    case "max":
      return b.value > a.value ? b : a;
    case "sodium":
      return Math.abs(b.value - 140) > Math.abs(a.value - 140) ? b : a;
  }
}

const fmt = (n: number) => String(Math.round(n * 1000) / 1000);

export function selectLabs(values: readonly LabValue[], samDate: string | undefined): Proposal[] {
  const byField = new Map<string, LabValue>();
  for (const v of values) {
    if (!inWindow(v, samDate)) continue;
    const prev = byField.get(v.lab.field);
    byField.set(v.lab.field, prev ? worse(prev, v) : v);
  }
  return [...byField.values()].map((v) => ({
    field: v.lab.field,
    value: v.value,
    evidence: { start: v.start, end: v.end },
    rule: v.date ? "lab.worst_in_window" : "lab.worst",
    note: `${v.written} → ${fmt(v.value)}`,
    ...(v.unit !== undefined && v.value !== v.entered ? { entered: { value: v.entered, unit: v.unit } } : {}),
  }));
}
