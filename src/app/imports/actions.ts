"use server";
import type { ImportOutcome } from "@/domain/import/wide-import";
import { action, type ActionContext } from "@/server/action.server";
import { importCases } from "@/server/imports.server";

// Access: "case.import" (centre users into their centre, coordinators into the centre they choose),
// checked by importCases. The dry run writes nothing; the confirmation creates the valid rows.
async function run({ actor, db }: ActionContext, form: FormData, confirm: boolean): Promise<ImportOutcome> {
  const files = await Promise.all(
    form
      .getAll("files")
      .flatMap((f) => (f instanceof File && f.size > 0 ? [f] : []))
      .map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
  const centre = form.get("centreCode");
  return importCases(db, actor, {
    files,
    confirm,
    ...(typeof centre === "string" && centre ? { centreCode: centre } : {}),
  });
}

export const checkImport = action((ctx, form: FormData) => run(ctx, form, false));

export const confirmImport = action((ctx, form: FormData) => run(ctx, form, true));
