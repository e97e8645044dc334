import { db } from "@/server/db/db.server";
import { blockRowsEndpoint } from "@/server/api/endpoints.server";
import { handleApiRequest } from "@/server/api/request.server";

// Access: a bearer token with the scope "cases:read" whose owner's role still grants it (ADR 0020); audited.
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ block: string }> }): Promise<Response> {
  const { block } = await params;
  return handleApiRequest(db(), req, blockRowsEndpoint(block));
}
