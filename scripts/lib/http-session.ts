// Signs in through next-auth's credentials endpoint with plain fetch, for
// benchmarks that talk HTTP to the app without a browser. The demo coordinator
// has a second factor (ADR 0012): its demo authenticator code answers the step.
import { parseSecondStep } from "@/domain/mfa/sign-in-codes";
import { totpStep } from "@/domain/mfa/totp";
import { demoTotpCode } from "../demo-mfa";

let lastStep = 0;

export async function signInOverHttp(baseUrl: string, email: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrfRes.json()) as { csrfToken: string };
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const post = (provider: string, fields: Record<string, string>) =>
    fetch(`${baseUrl}/api/auth/callback/${provider}`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
      body: new URLSearchParams({ csrfToken, ...fields, json: "true" }),
    });
  let res = await post("credentials", { email, password });
  const second = parseSecondStep(
    new URL(
      (
        (await res
          .clone()
          .json()
          .catch(() => ({}))) as { url?: string }
      ).url ?? baseUrl,
    ).searchParams.get("error"),
  );
  if (second) {
    // One time step per answer (the server never accepts one twice): wait for a fresh one if needed.
    while (Math.max(totpStep(Date.now()), lastStep + 1) > totpStep(Date.now()) + 1)
      await new Promise((r) => setTimeout(r, 1_000));
    lastStep = Math.max(totpStep(Date.now()), lastStep + 1);
    res = await post("second-factor", { ticket: second.ticket, code: demoTotpCode(lastStep) });
  }
  const session = res.headers.getSetCookie().find((c) => c.includes("session-token="));
  if (!session) throw new Error(`sign-in failed for ${email} (HTTP ${res.status})`);
  return session.split(";")[0]!;
}
