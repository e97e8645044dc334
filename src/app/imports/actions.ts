"use server";
import { runAction } from "@/server/action.server";
import { db } from "@/server/db/db.server";
import type { ImportOutcome } from "@/domain/import/wide-import";
import { importCases } from "@/server/imports.server";
import { requireActor } from "@/server/session.server";

// Access: "case.import" (centre users into their centre, coordinators into the centre they choose),
// checked by importCases. The dry run writes nothing; the confirmation creates the valid rows.
async function run(form: FormData, confirm: boolean) {
  const actor = await requireActor();
  const files = await Promise.all(
    form
      .getAll("files")
      .flatMap((f) => (f instanceof File && f.size > 0 ? [f] : []))
      .map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );
  const centre = form.get("centreCode");
  return runAction<ImportOutcome>(() =>
    importCases(db(), actor, {
      files,
      confirm,
      ...(typeof centre === "string" && centre ? { centreCode: centre } : {}),
    }),
  );
}

export async function checkImport(form: FormData) {
  return run(form, false);
}

export async function confirmImport(form: FormData) {
  return run(form, true);
}
