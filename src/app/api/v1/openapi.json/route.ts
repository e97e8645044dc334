import { openApiDocument } from "@/domain/api/openapi";

// Access: public — the API's description holds no data (ADR 0020).
export const dynamic = "force-dynamic";

export function GET(): Response {
  return new Response(JSON.stringify(openApiDocument("1.0.0")), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
