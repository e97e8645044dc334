// Zod schemas derived from the definition: one per field's answer, and the
// draft-save payload. The same schemas run in the browser (before sending)
// and on the server (before writing). Unknown keys, wrong types and values
// breaking a field's hard rules are refused.
import { z } from "zod";
import { guardFreeText } from "../identifier-guard";
import { REASON_MAX } from "../lifecycle";
import { BLOCKS, TOP_LEVEL_FIELDS } from "./definition";
import { checkFieldAnswer, type RuleContext } from "./field-rules";
import type { BlockDef, FieldDef } from "./types";

const SHORT = 200;

// NUL and lone surrogates: no database stores them alike (PostgreSQL refuses them in JSON).
const storable = (max: number) =>
  z
    .string()
    .max(max)
    .refine((v) => !/\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(v), {
      message: "generic.invalidText",
    });
/** Generous structural cap; the field's own length rule gives the friendly message. */
const TEXT_CAP = 5000;
export const ROW_ID = /^[A-Za-z0-9_-]{1,40}$/;

function valueSchema(field: FieldDef) {
  switch (field.type) {
    case "yesno":
    case "choice":
    case "date":
      return storable(SHORT);
    case "multi":
      return z.array(storable(SHORT)).max(field.options.length);
    case "number":
    case "dose":
      return z.number();
    case "text":
      return storable(TEXT_CAP);
  }
}

/** The answer's shape only: what the client says was stored before its change. */
function answerShape(field: FieldDef) {
  return z.strictObject({
    v: valueSchema(field).optional(),
    code: z.enum(["NK", "ND", "NA"]).optional(),
    unit: storable(40).optional(),
    entered: z.number().optional(),
    confirmed: z.boolean().optional(),
  });
}

export function fieldAnswerSchema(field: FieldDef, ctx: RuleContext) {
  return answerShape(field).superRefine((answer, zctx) => {
    for (const issue of checkFieldAnswer(field, answer, ctx)) {
      if (issue.level === "error") zctx.addIssue({ code: "custom", message: issue.key, params: issue.params });
    }
  });
}

function rowSchema(block: BlockDef, ctx: RuleContext | null) {
  const shape = Object.fromEntries(
    block.fields.map((f) => [f.id, (ctx ? fieldAnswerSchema(f, ctx) : answerShape(f)).optional()]),
  );
  return z.strictObject({ id: z.string().regex(ROW_ID), values: z.strictObject(shape) });
}

/** Rows with their rules checked (ctx), or their shape only (null). */
function rowsSchema(block: BlockDef, ctx: RuleContext | null) {
  return z
    .array(rowSchema(block, ctx))
    .max(block.maxRows)
    .refine((rows) => new Set(rows.map((r) => r.id)).size === rows.length, { message: "crf.block.duplicateRow" });
}

function buildDraftPatchSchema(ctx: RuleContext) {
  const fields = Object.fromEntries(
    TOP_LEVEL_FIELDS.map((f) => [
      f.id,
      z.strictObject({ from: answerShape(f).nullable(), to: fieldAnswerSchema(f, ctx).nullable() }).optional(),
    ]),
  );
  const blocks = Object.fromEntries(
    BLOCKS.map((b) => [b.id, z.strictObject({ from: rowsSchema(b, null), to: rowsSchema(b, ctx) }).optional()]),
  );
  return z.strictObject({
    baseVersion: z.number().int().min(1).max(1_000_000),
    /** Required once the case was submitted (spec §7); free text, so the identifier guard reads it too. */
    reason: storable(REASON_MAX)
      .superRefine((v, ctx) => {
        const guard = guardFreeText(v, REASON_MAX);
        if (!guard.ok) for (const i of guard.issues) ctx.addIssue({ code: "custom", message: i.key, params: i.params });
      })
      .optional(),
    fields: z.strictObject(fields).optional(),
    blocks: z.strictObject(blocks).optional(),
    /**
     * Record paths ("ferritin", "treatment_lines.<row id>") whose new value the user accepted from
     * the pre-fill panel: their audit events say so (provenance, never the document's text).
     */
    prefilled: z
      .array(z.string().regex(/^[a-z0-9_]+(\.[A-Za-z0-9_-]+)?$/))
      .max(500)
      .optional(),
  });
}

// One schema per day ("today" bounds dates); building it takes a millisecond or two.
let cached: { today: string; schema: ReturnType<typeof buildDraftPatchSchema> } | undefined;

export function draftPatchSchema(ctx: RuleContext) {
  if (cached?.today !== ctx.today) cached = { today: ctx.today, schema: buildDraftPatchSchema(ctx) };
  return cached.schema;
}
