import type { NextRequest } from "next/server";
import { z } from "zod";
import { recordIdentifierBlocked } from "@/server/case-answers.server";
import { db } from "@/server/db/db.server";
import { InputError } from "@/server/errors";
import { jsonRoute, readJsonBody } from "@/server/http.server";

const bodySchema = z.strictObject({ path: z.string().max(200), kinds: z.array(z.string().max(40)).max(10) });

// Access: as for saving the case ("case.edit"). Receives the kinds of identifier found, never the text.
export async function POST(req: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const body = await readJsonBody(req);
  if (!body.ok) return body.response;
  return jsonRoute(async (actor) => {
    const parsed = bodySchema.safeParse(body.value);
    if (!parsed.success) throw InputError.form({ key: "generic.invalid" });
    await recordIdentifierBlocked(db(), actor, id, parsed.data.path, parsed.data.kinds);
    return { ok: true };
  });
}
