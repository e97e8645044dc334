import "server-only";
import type { NextAuthOptions, Session } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db/db.server";
import { authSecret, SESSION_IDLE_SECONDS } from "./session-config";
import { endSessions } from "./sign-out.server";
import { authorizeCredentials, SIGN_IN_ERRORS } from "./credentials.server";
import { MFA_CODES, ssoErrorCode } from "@/domain/mfa/sign-in-codes";
import { OIDC_PROVIDER_ID, oidcProvider, ssoSignIn } from "./oidc.server";
import { afterFirstFactor, completeSignIn, type SecondFactorProof } from "./second-factor.server";

/** The hospital's OpenID Connect provider, when OIDC_ISSUER and OIDC_CLIENT_ID are set. */
function optionalSso() {
  const provider = oidcProvider();
  return provider ? [provider] : [];
}

export const authOptions: NextAuthOptions = {
  // Read at request time, not import time: a build has no secrets.
  get secret() {
    return authSecret();
  },
  // Stateless JWT sessions: any app instance behind a load balancer can serve any request.
  session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS },
  jwt: { maxAge: SESSION_IDLE_SECONDS },
  pages: { signIn: "/login", error: "/login" },
  logger: {
    // An expired or foreign session cookie is routine (idle timeout): the user
    // is sent to sign in again; it is not a server error worth a stack trace.
    error(code, metadata) {
      if (code === "JWT_SESSION_ERROR") return;
      console.error(`[next-auth] ${code}`, metadata);
    },
    warn(code) {
      console.warn(`[next-auth] ${code}`);
    },
    debug() {},
  },
  providers: [
    CredentialsProvider({
      name: "credentials",
      credentials: { email: { type: "email" }, password: { type: "password" } },
      async authorize(credentials, req) {
        // Throttling, same answer whatever the account's state, no internal error text (credentials.server.ts).
        const user = await authorizeCredentials(credentials, req);
        // A right password opens a session only for a user without a second factor
        // whose role does not require one; the others get a second-step ticket (ADR 0012).
        // As for the password check: a database fault says UNAVAILABLE, never its own text.
        const next = await afterFirstFactor(db(), user.id, "password").catch(() => {
          throw new Error(SIGN_IN_ERRORS.unavailable);
        });
        if (next.kind === "session") return user;
        if (next.kind === "throttled") throw new Error(MFA_CODES.throttled);
        throw new Error(`${next.step === "enrol" ? MFA_CODES.enrol : MFA_CODES.verify}:${next.ticket}`);
      },
    }),
    // The second step: a ticket from the first factor and a code, a recovery code,
    // a passkey assertion, or "enrolled" after a first enrolment during sign-in.
    CredentialsProvider({
      id: "second-factor",
      name: "second-factor",
      credentials: {
        ticket: { type: "text" },
        code: { type: "text" },
        passkey: { type: "text" },
        enrolled: { type: "text" },
      },
      async authorize(credentials) {
        const ticket = typeof credentials?.ticket === "string" ? credentials.ticket : "";
        let proof: SecondFactorProof;
        if (credentials?.enrolled === "1") proof = { kind: "enrolled" };
        else if (typeof credentials?.passkey === "string" && credentials.passkey !== "") {
          let response: unknown = null;
          try {
            response = JSON.parse(credentials.passkey.slice(0, 20_000));
          } catch {
            throw new Error(MFA_CODES.wrong);
          }
          proof = { kind: "passkey", response };
        } else
          proof = { kind: "code", code: typeof credentials?.code === "string" ? credentials.code.slice(0, 64) : "" };
        const result = await completeSignIn(db(), ticket, proof);
        if (result.ok) return { id: result.userId };
        throw new Error(result.reason === "expired" ? MFA_CODES.expired : MFA_CODES.wrong);
      },
    }),
    ...optionalSso(),
  ],
  callbacks: {
    // Single sign-on reaches only an account a coordinator created; a second
    // factor may still be due (ssoSignIn). The session then carries our user id.
    async signIn({ user, account }) {
      if (account?.provider !== OIDC_PROVIDER_ID) return true;
      const claims = (user as { ssoClaims?: Record<string, unknown> }).ssoClaims ?? {};
      const outcome = await ssoSignIn(db(), claims);
      if (outcome.kind === "refused") return `/login?error=${ssoErrorCode(outcome.cause)}`;
      if (outcome.kind === "challenge") return `/login?error=${MFA_CODES.verify}:${outcome.ticket}`;
      user.id = outcome.userId;
      return true;
    },
    // The token carries only the user id and when the session began: role,
    // centre and active flag are read from the database on every request
    // (src/server/session.server.ts), which also refuses a voided session.
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.authAt = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      // Only the id and the session's start leave the server; name and e-mail are read from the database when needed.
      const user = {
        id: typeof token.uid === "string" ? token.uid : "",
        authAt: typeof token.authAt === "number" ? token.authAt : 0,
      };
      return { expires: session.expires, user: user as Session["user"] };
    },
  },
  events: {
    // Stateless sessions cannot be deleted, only voided: without this, a copy
    // of the cookie (or one re-issued by a request still in flight at sign-out)
    // would stay usable until it idles out.
    async signOut({ token }) {
      if (typeof token?.uid === "string") await endSessions(db(), token.uid);
    },
  },
};
