// The pre-fill extractor: pasted text → proposals for the CRF, each with its
// evidence and rule. Pure and synchronous; the same module serves the CLI
// (scripts/narrative-extract.ts) and the browser panel. No network, no model.
import type { BlockFieldId, FieldId } from "@/domain/crf/definition";
import { findAntibodies, findCancer, findHaemophagocytosis, findInfections } from "@/domain/prefill/clinical";
import { findDates } from "@/domain/prefill/dates";
import { findDrugs, type DrugMention } from "@/domain/prefill/drugs";
import { findFindings } from "@/domain/prefill/findings";
import { findLabValues } from "@/domain/prefill/measurements";
import { findMissingCodes } from "@/domain/prefill/missing";
import { findPatientFields } from "@/domain/prefill/patient";
import { findTableValues } from "@/domain/prefill/tables";
import { SEGMENT_RULES } from "@/domain/prefill/qualifiers";
import { selectLabs } from "@/domain/prefill/select";
import { segment } from "@/domain/prefill/text";
import { findEventDates, findOutcome, findResolution } from "@/domain/prefill/timeline";
import type { Extraction, Proposal, ProposedValue, RowProposal } from "@/domain/prefill/types";

const IMMUNOSUPPRESSIVE = new Set([
  "prednisone",
  "methylprednisolone_iv",
  "dexamethasone",
  "methotrexate",
  "mycophenolate_mofetil",
  "azathioprine",
  "ciclosporin",
  "tacrolimus",
  "rituximab",
  "cyclophosphamide_iv",
  "tofacitinib",
  "baricitinib",
  "ruxolitinib",
]);

/** Largest text analysed (a long discharge summary is ~20 kB). */
export const MAX_TEXT_LENGTH = 200_000;

export function extract(text: string): Extraction {
  const source = text.slice(0, MAX_TEXT_LENGTH);
  const doc = segment(source, SEGMENT_RULES);
  const dates = findDates(doc.folded);
  const fields = new Map<FieldId, Proposal>();
  const put = (p: Proposal) => {
    if (!fields.has(p.field)) fields.set(p.field, p);
  };

  findEventDates(doc, dates).forEach(put);
  const samDate = fields.get("sam_date")?.value as string | undefined;
  const table = findTableValues(doc, dates);
  selectLabs([...table.values, ...findLabValues(doc, dates, table.consumed)], samDate).forEach(put);
  findPatientFields(doc).forEach(put);
  findAntibodies(doc).forEach(put);
  findCancer(doc, dates).forEach(put);
  findHaemophagocytosis(doc).forEach(put);
  const outcome = findOutcome(doc);
  outcome.forEach(put);
  findResolution(doc).forEach(put);
  const infections = findInfections(doc);
  if (infections.trigger) put(infections.trigger);
  findFindings(doc).forEach(put);
  deriveFields(fields);
  findMissingCodes(doc, new Set(fields.keys())).forEach(put);

  const blocks: Record<string, RowProposal[]> = {};
  if (infections.rows.length) blocks.infections = infections.rows;
  const drugs = findDrugs(doc, dates, samDate);
  const before = rows(
    drugs.filter((d) => d.before),
    true,
  );
  const lines = rows(
    drugs.filter((d) => !d.before),
    false,
  );
  // "Le méthotrexate a été arrêté": a bare mention of a treatment given before the MAS is not a new line.
  const beforeDrugs = new Set(before.map((r) => `${r.values.drug}:${r.values.drug_other ?? ""}`));
  // « L'azathioprine a été arrêtée » in the MAS story: it was still taken at the MAS diagnosis.
  const stopped = new Set(drugs.filter((d) => d.stopped && !d.before).map((d) => `${d.drug}:${d.drugOther ?? ""}`));
  for (const r of before) {
    const key = `${r.values.drug}:${r.values.drug_other ?? ""}`;
    if (stopped.has(key) && r.values.ongoing_at_sam === undefined)
      (r.values as Record<string, ProposedValue>).ongoing_at_sam = "yes";
  }
  // A line naming only the drug (and its route) repeats one already listed before the MAS.
  const drugKeys: readonly BlockFieldId<"treatment_lines">[] = ["drug", "drug_other", "route"];
  const newLines = lines.filter(
    (r) =>
      Object.keys(r.values).some((k) => !(drugKeys as readonly string[]).includes(k)) ||
      !beforeDrugs.has(`${r.values.drug}:${r.values.drug_other ?? ""}`),
  );
  // Glucocorticoids or an immunosuppressant still taken at the MAS: the HScore's known immunosuppression.
  const onIs = before.find((r) => r.values.ongoing_at_sam === "yes" && IMMUNOSUPPRESSIVE.has(String(r.values.drug)));
  if (onIs && !fields.has("known_immunosuppression"))
    fields.set("known_immunosuppression", {
      field: "known_immunosuppression",
      value: "yes",
      evidence: onIs.evidence,
      rule: "immunosuppression.ongoing_treatment",
    });
  if (before.length) blocks.dm_treatments_before_sam = before;
  if (newLines.length) blocks.treatment_lines = newLines;
  return { fields: Object.fromEntries(fields), blocks };
}

/** Values implied by others: a death date is the last follow-up date; elevated CK; resolution date only if resolved. */
function deriveFields(fields: Map<FieldId, Proposal>): void {
  const death = fields.get("death");
  if (death?.value !== "yes") {
    fields.delete("death_date");
    fields.delete("death_cause");
  } else if (fields.has("death_date") && !fields.has("last_followup_date")) {
    const d = fields.get("death_date")!;
    fields.set("last_followup_date", { ...d, field: "last_followup_date", rule: "outcome.followup_is_death" });
  }
  if (fields.get("sam_resolution")?.value !== "yes") fields.delete("sam_resolution_date");
  else if (!fields.has("sam_resolution_date")) fields.delete("sam_resolution_date");
  const ck = fields.get("ck_max");
  if (ck && typeof ck.value === "number" && ck.value >= 300 && !fields.has("muscle_enzymes_elevated")) {
    fields.set("muscle_enzymes_elevated", {
      field: "muscle_enzymes_elevated",
      value: "yes",
      evidence: ck.evidence,
      rule: "muscle_enzymes.ck",
    });
  }
  // « CPK normales » says nothing of LDH or transaminases, which the field counts too.
  const high = (id: FieldId, uln: number) => Number(fields.get(id)?.value) > uln;
  if (fields.get("muscle_enzymes_elevated")?.value === "no" && (high("ast", 40) || high("alt", 45) || high("ldh", 250)))
    fields.delete("muscle_enzymes_elevated");
  if (fields.get("icu_admission")?.value !== "yes") fields.delete("icu_stay_days");
  else if (fields.has("icu_stay_days") && !fields.has("icu_admission")) fields.delete("icu_stay_days");
  if (fields.get("cancer")?.value !== "yes") {
    fields.delete("cancer_type");
    fields.delete("cancer_date");
  }
}

/** One row per drug (or per "other" name); later mentions fill what the first one lacked. */
function rows(mentions: readonly DrugMention[], before: boolean): RowProposal[] {
  const byKey = new Map<string, { values: Record<string, ProposedValue>; start: number; end: number; rule: string }>();
  for (const m of mentions) {
    const key = m.drug === "other" ? `other:${(m.drugOther ?? "").toLowerCase()}` : m.drug;
    const values: Record<string, ProposedValue | undefined> = before
      ? { drug: m.drug, drug_other: m.drugOther, start_date: m.startDate?.value, ongoing_at_sam: m.ongoingAtSam }
      : {
          drug: m.drug,
          drug_other: m.drugOther,
          line: m.line,
          start_date: m.startDate?.value,
          end_date: m.endDate?.value,
          dose_value: m.doseValue,
          dose_unit: m.doseUnit,
          frequency: m.frequency,
          route: m.route,
          n_doses: m.nDoses,
        };
    const row = byKey.get(key) ?? { values: {}, start: m.start, end: m.evidenceEnd, rule: m.rule };
    for (const [k, v] of Object.entries(values)) if (v !== undefined && row.values[k] === undefined) row.values[k] = v;
    // A dose unit only travels with its value.
    if (row.values.dose_value === undefined) delete row.values.dose_unit;
    if (m.doseValue !== undefined && row.end < m.evidenceEnd && m.start === row.start) row.end = m.evidenceEnd;
    byKey.set(key, row);
  }
  return [...byKey.values()].map((r) => ({ values: r.values, evidence: { start: r.start, end: r.end }, rule: r.rule }));
}
