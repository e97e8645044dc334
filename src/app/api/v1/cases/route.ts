import { db } from "@/server/db/db.server";
import { CASES } from "@/server/api/endpoints.server";
import { handleApiRequest } from "@/server/api/request.server";

// Access: a bearer token with the scope "cases:read" whose owner's role still grants it (ADR 0020); audited.
export const dynamic = "force-dynamic";

export function GET(req: Request): Promise<Response> {
  return handleApiRequest(db(), req, CASES);
}
