// Refuses, at load, an amendment list that names a field, block, option or
// unit the form does not have: a typo in a migration would otherwise rewrite
// (or silently miss) real answers. Only the current definition exists in
// code, so a name an amendment produces must be in it — or be consumed by a
// later amendment (renamed again, recoded again, removed) — and a name it
// retires must no longer be in it.
import { isBlock, type CrfDefinition, type FieldDef } from "../types";
import type { Amendment, AmendmentOp } from "./types";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Every field of a definition by "block.field" or "field". */
function fieldIndex(def: CrfDefinition): { fields: Map<string, FieldDef>; blocks: Set<string> } {
  const fields = new Map<string, FieldDef>();
  const blocks = new Set<string>();
  for (const section of def.sections)
    for (const item of section.items) {
      if (!isBlock(item)) fields.set(item.id, item);
      else {
        blocks.add(item.id);
        for (const f of item.fields) fields.set(`${item.id}.${f.id}`, f);
      }
    }
  return { fields, blocks };
}

const key = (op: AmendmentOp, id: string) => (op.block === undefined ? id : `${op.block}.${id}`);

/** Field names an operation retires (no longer in the form after it). */
function retired(op: AmendmentOp): string[] {
  switch (op.op) {
    case "removeField":
      return [op.field];
    case "renameField":
      return [op.from];
    case "splitField":
      return op.into.includes(op.from) ? [] : [op.from];
    case "mergeFields":
      return op.from.filter((id) => id !== op.into);
    default:
      return [];
  }
}

/** Field names an operation leaves in the form. */
function produced(op: AmendmentOp): string[] {
  switch (op.op) {
    case "addField":
    case "recodeOptions":
    case "changeUnit":
      return [op.field];
    case "renameField":
      return [op.to];
    case "splitField":
      return [...op.into];
    case "mergeFields":
      return [op.into];
    default:
      return [];
  }
}

/** Problems with an amendment chain leading to `def`, as sentences for the developer; empty when sound. */
export function amendmentProblems(def: CrfDefinition, chain: readonly Amendment[]): string[] {
  const problems: string[] = [];
  const { fields, blocks } = fieldIndex(def);
  if (chain.length && chain.at(-1)?.to !== def.version)
    problems.push(`the last amendment leads to ${chain.at(-1)?.to}, the form is ${def.version}`);
  chain.forEach((a, i) => {
    const where = `amendment ${a.from} → ${a.to}`;
    const say = (text: string) => problems.push(`${where}: ${text}`);
    if (a.from === a.to) say("leads to its own version");
    if (i > 0 && chain[i - 1]?.to !== a.from) say(`does not follow ${chain[i - 1]?.to}`);
    if (!ISO_DATE.test(a.date)) say(`date ${a.date} is not YYYY-MM-DD`);
    if (!a.summary.fr.trim() || !a.summary.en.trim()) say("needs a summary in French and English");
    // What later amendments take away or recode again: allowed to be absent from the current form.
    const later = chain.slice(i + 1).flatMap((b) => b.operations);
    const laterNames = new Set(later.flatMap((op) => [...retired(op), ...produced(op)].map((id) => key(op, id))));
    const laterCodes = new Set(
      later.flatMap((op) =>
        op.op === "recodeOptions" ? Object.keys(op.map).map((c) => `${key(op, op.field)}=${c}`) : [],
      ),
    );
    for (const op of a.operations) {
      if (op.block !== undefined && !blocks.has(op.block)) {
        say(`${op.op}: unknown block ${op.block}`);
        continue;
      }
      for (const id of produced(op)) {
        if (!fields.has(key(op, id)) && !laterNames.has(key(op, id))) say(`${op.op}: unknown field ${key(op, id)}`);
      }
      for (const id of retired(op)) {
        if (fields.has(key(op, id)) && !laterNames.has(key(op, id)))
          say(`${op.op}: ${key(op, id)} is still a field of the form`);
      }
      const target = fields.get(key(op, produced(op)[0] ?? ""));
      if (op.op === "recodeOptions") {
        const values = new Set(Object.values(op.map));
        for (const old of Object.keys(op.map))
          if (values.has(old)) say(`recodeOptions: ${old} is both recoded and a new code`);
        if (target && target.type !== "choice" && target.type !== "multi")
          say(`recodeOptions: ${op.field} has no options`);
        if (target && (target.type === "choice" || target.type === "multi")) {
          const options = new Set(target.options.map((o) => o.value));
          for (const code of values)
            if (!options.has(code) && !laterCodes.has(`${key(op, op.field)}=${code}`))
              say(`recodeOptions: ${code} is not an option of ${op.field}`);
        }
      }
      if (op.op === "changeUnit") {
        if (!Number.isFinite(op.factor) || op.factor <= 0) say(`changeUnit: factor ${op.factor} must be positive`);
        if (target && target.type !== "number") say(`changeUnit: ${op.field} is not a number`);
        if (target?.type === "number" && !laterNames.has(key(op, op.field)) && target.unit?.id !== op.to)
          say(`changeUnit: ${op.field}'s canonical unit is ${target.unit?.id ?? "none"}, not ${op.to}`);
      }
    }
  });
  return problems;
}

/** Throws when the chain is not sound: called where the live list is declared, so a bad list never loads. */
export function assertAmendments(def: CrfDefinition, chain: readonly Amendment[]): readonly Amendment[] {
  const problems = amendmentProblems(def, chain);
  if (problems.length) throw new Error(`CRF amendments refused:\n- ${problems.join("\n- ")}`);
  return chain;
}
