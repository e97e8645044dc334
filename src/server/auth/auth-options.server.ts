import "server-only";
import type { NextAuthOptions, Session } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db/db.server";
import { authSecret, SESSION_IDLE_SECONDS } from "./session-config";
import { endSessions } from "./sign-out.server";
import { signInWithPassword } from "./sign-in.server";

/** The codes the sign-in page translates (authorize's thrown message reaches it as `error`). */
export const SIGN_IN_ERRORS = { invalid: "INVALID", locked: "LOCKED", disabled: "DISABLED" } as const;

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
      async authorize(credentials) {
        const email = typeof credentials?.email === "string" ? credentials.email.slice(0, 320) : "";
        const password = typeof credentials?.password === "string" ? credentials.password.slice(0, 1024) : "";
        if (!email || !password) throw new Error(SIGN_IN_ERRORS.invalid);
        const result = await signInWithPassword(db(), email, password);
        if (result.ok) return { id: result.userId };
        if (result.reason === "locked") throw new Error(`${SIGN_IN_ERRORS.locked}:${result.lockedUntil.toISOString()}`);
        throw new Error(SIGN_IN_ERRORS[result.reason]);
      },
    }),
  ],
  callbacks: {
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
      const user = { id: typeof token.uid === "string" ? token.uid : "", authAt: typeof token.authAt === "number" ? token.authAt : 0 };
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
