import { NextResponse, type NextRequest } from "next/server";
import { db } from "@/server/db/db.server";
import { ForbiddenError, InputError, NotFoundError } from "@/server/errors";
import { streamExport } from "@/server/exports/index.server";
import { getActor } from "@/server/session.server";

// Access: coordinators only ("export.run", checked in streamExport). Anyone else signed in gets 403
// (the page exists for everyone: nothing to hide), signed out 401. Each export is audited.
// Query: centre (repeatable), status (repeatable), block (block-csv), ageInsteadOfBirthDate=1.
export const dynamic = "force-dynamic";

const fail = (status: number, key: string, extra: Record<string, unknown> = {}) =>
  NextResponse.json({ fieldErrors: { _form: [{ key }] }, ...extra }, { status });

/** RFC 6266: an ASCII fallback and the UTF-8 name. */
const disposition = (filename: string) =>
  `attachment; filename="${filename.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(filename)}`;

export async function GET(req: NextRequest, { params }: { params: Promise<{ format: string }> }) {
  const { format } = await params;
  const actor = await getActor();
  if (!actor) return fail(401, "generic.unauthenticated");
  // A download started from another site (a link or a form elsewhere) is refused: exports are audited actions.
  if (req.headers.get("sec-fetch-site") === "cross-site") return fail(403, "generic.forbidden");
  try {
    const file = await streamExport(db(), actor, format, req.nextUrl.searchParams);
    return new Response(file.stream, {
      status: 200,
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": disposition(file.filename),
        "Cache-Control": "no-store",
        "X-Export-Cases": String(file.cases),
      },
    });
  } catch (error) {
    if (error instanceof ForbiddenError) return fail(403, "generic.forbidden");
    if (error instanceof NotFoundError) return fail(404, "generic.notFound");
    if (error instanceof InputError) return NextResponse.json({ fieldErrors: error.fieldErrors }, { status: 400 });
    throw error;
  }
}
