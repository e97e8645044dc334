import type { NextRequest } from "next/server";
import { saveDraft } from "@/server/case-answers.server";
import { db } from "@/server/db/db.server";
import { jsonRoute, readJsonBody } from "@/server/http.server";

// Access: clinicians and research assistants of the case's centre ("case.edit", checked in saveDraft);
// another centre's case answers 404.
export async function PATCH(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  return jsonRoute((actor) => saveDraft(db(), actor, id, body.value));
}
