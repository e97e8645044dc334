// The environment's one schema (src/server/env.ts, issue #12): what a server
// refuses to start with, the public-URL policy, and that nothing else reads
// process.env.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  checkServerEnv,
  DEVELOPMENT_BASE_URL,
  env,
  EnvError,
  keepServerEnv,
  parseEnv,
  productionProblems,
  publicBaseUrl,
} from "@/server/env";

const PRODUCTION = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "s".repeat(44),
  AUDIT_HMAC_KEYS: `2026-12:${"k".repeat(40)}`,
  AUDIT_CHECKPOINT_FILE: "/var/lib/ecrf/checkpoints.log",
  MFA_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString("base64"),
  NEXTAUTH_URL: "https://ecrf.example-chu.fr",
};

function problemsOf(source: Record<string, string | undefined>): string[] {
  try {
    checkServerEnv(source);
    return [];
  } catch (error) {
    if (error instanceof EnvError) return error.problems;
    throw error;
  }
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("server environment: form of each variable", () => {
  it("a fresh development checkout (nothing set, blanks) is usable", () => {
    expect(problemsOf({})).toEqual([]);
    expect(parseEnv({ NEXTAUTH_SECRET: "", APP_URL: "  " })).toMatchObject({
      NEXTAUTH_SECRET: undefined,
      APP_URL: undefined,
    });
  });

  it.each([
    ["TRUST_PROXY_HOPS", "one", "must be a whole number from 0 to 10"],
    ["TRUST_PROXY_HOPS", "11", "must be a whole number from 0 to 10"],
    ["NEXTAUTH_URL", "ecrf.example-chu.fr", "must be an absolute http:// or https:// URL"],
    ["APP_URL", "javascript:alert(1)", "must be an absolute http:// or https:// URL"],
    ["DATABASE_URL", "mysql://db/ecrf", "must start with file: (SQLite) or postgresql://"],
    ["MFA_ENCRYPTION_KEY", "too-short", "must be 32 random bytes"],
    ["AUDIT_HMAC_KEYS", "2026-12:short", "must be id:secret pairs"],
    ["AUDIT_HMAC_KEYS", `no-colon-${"x".repeat(40)}`, "must be id:secret pairs"],
    ["SMTP_URL", "http://mail", "must start with smtp:// or smtps://"],
    ["MFA_REQUIRED_ROLES", "CLINICIAN,DOCTOR", "must list CLINICIAN"],
    ["OIDC_USERINFO", "yes", 'must be "true" or "false"'],
  ])("%s=%j is refused: %s", (name, value, rule) => {
    const problems = problemsOf({ [name]: value });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(name);
    expect(problems[0]).toContain(rule);
  });

  it("well-formed values pass and are trimmed", () => {
    const e = parseEnv({
      TRUST_PROXY_HOPS: " 1 ",
      DATABASE_URL: "postgresql://u@h/db",
      MFA_ENCRYPTION_KEY: "ab".repeat(32),
      MFA_REQUIRED_ROLES: "all",
    });
    expect(e.TRUST_PROXY_HOPS).toBe("1");
  });
});

describe("server environment: what production requires", () => {
  it("a complete production configuration starts", () => {
    expect(problemsOf(PRODUCTION)).toEqual([]);
  });

  it("each missing requirement is named with its rule, all at once", () => {
    const problems = problemsOf({ NODE_ENV: "production" });
    for (const name of [
      "NEXTAUTH_SECRET",
      "AUDIT_HMAC_KEYS",
      "AUDIT_CHECKPOINT_FILE",
      "MFA_ENCRYPTION_KEY",
      "NEXTAUTH_URL",
    ])
      expect(problems.some((p) => p.startsWith(`${name} is required in production`))).toBe(true);
    expect(() => checkServerEnv({ NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET is required in production/);
  });

  it("ECRF_ENV=production counts as production", () => {
    expect(problemsOf({ ECRF_ENV: "production" })).not.toEqual([]);
  });

  it.each([
    [{ NEXTAUTH_SECRET: "short" }, "NEXTAUTH_SECRET must be at least 32 characters"],
    [{ AUDIT_HMAC_KEYS: `dev:${"k".repeat(40)}` }, 'must not use the key id "dev"'],
    [{ NEXTAUTH_URL: "http://ecrf.example-chu.fr" }, "NEXTAUTH_URL must be an https:// URL in production"],
    [{ APP_URL: "http://links.example-chu.fr" }, "APP_URL must be an https:// URL in production"],
    [{ AUTH_TRUST_HOST: "true" }, "AUTH_TRUST_HOST must not be set"],
    [{ SMTP_URL: "smtp://mail:587" }, "MAIL_FROM is required with SMTP_URL"],
  ])("production refuses %j: %s", (change, rule) => {
    expect(productionProblems(parseEnv({ ...PRODUCTION, ...change }))).toEqual([expect.stringContaining(rule)]);
  });

  it("http:// is accepted on the loopback address (the browser journeys' production server)", () => {
    expect(problemsOf({ ...PRODUCTION, NEXTAUTH_URL: "http://127.0.0.1:3100" })).toEqual([]);
    expect(problemsOf({ ...PRODUCTION, WEBAUTHN_ORIGIN: "http://localhost:3100" })).toEqual([]);
  });
});

describe("env(): the typed accessor", () => {
  it("follows a variable changed between tests", () => {
    vi.stubEnv("TRUST_PROXY_HOPS", "2");
    expect(env().TRUST_PROXY_HOPS).toBe("2");
    vi.stubEnv("TRUST_PROXY_HOPS", "3");
    expect(env().TRUST_PROXY_HOPS).toBe("3");
  });

  it("a production server keeps the environment checked at start; nothing else does", () => {
    const started = globalThis as { __ecrfServerEnv?: unknown };
    try {
      keepServerEnv(parseEnv({ NODE_ENV: "development", TRUST_PROXY_HOPS: "4" }));
      vi.stubEnv("TRUST_PROXY_HOPS", "5");
      expect(env().TRUST_PROXY_HOPS).toBe("5");
      keepServerEnv(checkServerEnv(PRODUCTION));
      vi.stubEnv("TRUST_PROXY_HOPS", "6");
      expect(env()).toMatchObject({ NODE_ENV: "production", NEXTAUTH_URL: PRODUCTION.NEXTAUTH_URL });
      expect(env().TRUST_PROXY_HOPS).toBeUndefined();
    } finally {
      delete started.__ecrfServerEnv;
    }
    expect(env().TRUST_PROXY_HOPS).toBe("6");
  });

  it("refuses a malformed value naming it", () => {
    vi.stubEnv("TRUST_PROXY_HOPS", "many");
    expect(() => env()).toThrow(/TRUST_PROXY_HOPS must be a whole number/);
  });
});

describe("publicBaseUrl(): the one public-URL policy", () => {
  it("APP_URL, else NEXTAUTH_URL, without a trailing slash", () => {
    expect(publicBaseUrl({ APP_URL: "https://a.fr/", NEXTAUTH_URL: "https://b.fr" })).toBe("https://a.fr");
    expect(publicBaseUrl({ APP_URL: " ", NEXTAUTH_URL: "https://b.fr" })).toBe("https://b.fr");
  });

  it("outside production, the development server; in production, a refusal naming the variables", () => {
    expect(publicBaseUrl({ NODE_ENV: "development" })).toBe(DEVELOPMENT_BASE_URL);
    expect(() => publicBaseUrl({ NODE_ENV: "production" })).toThrow(/APP_URL or NEXTAUTH_URL must be set/);
  });
});

describe("process.env is read in one place", () => {
  it("no module under src/ reads process.env but env.ts (and instrumentation's Next.js phase guard)", () => {
    const root = join(import.meta.dirname, "../../src");
    const files = (readdirSync(root, { recursive: true }) as string[]).filter(
      (f) => /\.(ts|tsx)$/.test(f) && !f.startsWith("generated"),
    );
    expect(files.length).toBeGreaterThan(100);
    const readers = files
      .filter((f) =>
        /process\.env|process\[\s*["']env["']\s*\]|\{\s*env\s*\}\s*=\s*process/.test(
          readFileSync(join(root, f), "utf8"),
        ),
      )
      .sort();
    expect(readers).toEqual(["instrumentation.ts", "server/env.ts"]);
  });
});
