import "server-only";
// CDISC ODM 1.3.2 XML, as text chunks: the study's metadata and the centres,
// then one SubjectData per case as the cases are read (src/domain/export/odm-*.ts).
import type { Actor } from "@/domain/actor";
import { odmModel } from "@/domain/export/odm-model";
import { odmHead, odmSubject, odmTail } from "@/domain/export/odm-xml";
import type { ExportOptions } from "@/domain/export/options";
import type { Db } from "@/server/db/create-db";
import { caseBatches, type Selection } from "./cases.server";
import { chunked, type Chunks } from "./stream.server";

export function odmXml(db: Db, actor: Actor, sel: Selection, options: ExportOptions, now: Date): Chunks {
  const model = odmModel(options);
  return async function* () {
    yield odmHead(model, {
      createdAt: now.toISOString(),
      fileOid: `DM-SAM.${now.getTime()}`,
      centres: [...sel.centres.values()],
    });
    for await (const batch of caseBatches(db, actor, sel)) yield* chunked(batch, (c) => odmSubject(model, c));
    yield odmTail();
  };
}
