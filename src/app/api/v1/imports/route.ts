import { db } from "@/server/db/db.server";
import { IMPORTS } from "@/server/api/endpoints.server";
import { handleApiRequest } from "@/server/api/request.server";

// Access: a bearer token with the scope "imports:write" whose owner's role still grants "case.import"
// (ADR 0020); a dry run unless ?apply=true; audited (api.request, and the import's own events).
export const dynamic = "force-dynamic";

export function POST(req: Request): Promise<Response> {
  return handleApiRequest(db(), req, IMPORTS);
}
