// The evaluation interface's JSON shape (issue 13): field ids of the data
// dictionary, block rows with their row field ids, evidence as UTF-16 offsets.
import type { Evidence, Extraction, ProposedValue } from "@/domain/prefill/types";

export interface CliJson {
  readonly fields: Record<string, { value: ProposedValue; evidence: Evidence }>;
  readonly blocks: Record<string, Record<string, ProposedValue | Evidence>[]>;
}

export function toCliJson(x: Extraction): CliJson {
  const fields: CliJson["fields"] = {};
  for (const [id, p] of Object.entries(x.fields)) fields[id] = { value: p.value, evidence: p.evidence };
  const blocks: CliJson["blocks"] = {};
  for (const [id, rows] of Object.entries(x.blocks))
    blocks[id] = rows.map((r) => ({ ...r.values, evidence: r.evidence }));
  return { fields, blocks };
}
