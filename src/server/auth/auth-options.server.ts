import "server-only";
import type { NextAuthOptions, Session } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { db } from "../db/db.server";
import { authSecret, SESSION_IDLE_SECONDS } from "./session-config";
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
    // The token carries only the user id: role, centre and active flag are
    // read from the database on every request (src/server/session.server.ts).
    jwt({ token, user }) {
      if (user) token.uid = user.id;
      return token;
    },
    session({ session, token }) {
      // Only the id leaves the server; name and e-mail are read from the database when needed.
      return { expires: session.expires, user: { id: typeof token.uid === "string" ? token.uid : "" } as Session["user"] };
    },
  },
};
