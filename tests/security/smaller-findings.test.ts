// Finding 7 (issue 10), the smaller ones: weak passwords, the SQLite file's
// mode, Origin: null on the JSON API, internal error text on sign-in, the
// REDCap import file's formula guard, and the client address behind a proxy.
// (The cross-site print link and the sign-in page's ?error= are replayed in a
// real browser: e2e/security.spec.ts.)
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { Actor } from "@/domain/actor";
import { passwordStrengthIssue } from "@/domain/password-strength";
import { securityMessages } from "@/domain/security.messages";
import { clientAddress, progressiveDelaySeconds, THROTTLE, trustedProxyHops } from "@/domain/throttle-policy";
import { describeSignInError } from "@/app/login/sign-in-error";
import { authorizeCredentials } from "@/server/auth/credentials.server";
import exportsEn from "@/i18n/messages/features/exports.en.json";
import exportsFr from "@/i18n/messages/features/exports.fr.json";
import { createDb } from "@/server/db/create-db";
import type { InputError } from "@/server/errors";
import { readJsonBody, sameOrigin } from "@/server/http.server";
import { acceptInvitation } from "@/server/invitations.server";
import { createUser } from "@/server/users.server";
import { applyMigrations } from "../../scripts/db/migrations";

// The app's process-wide client is not used here (each test opens its own); importing it
// would open DATABASE_URL. authorizeCredentials is given a database that cannot be opened.
vi.mock("@/server/db/db.server", () => ({
  db: () => {
    throw new Error("not in these tests");
  },
}));
import { addCentre, addUser, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("weak passwords are refused, with a message naming the field and the rule", (ctx) => {
  let coord: Actor;
  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    coord = await addUser(ctx.db, { email: "coord@weak.test", role: "COORDINATOR" });
  });

  it("refuses common, keyboard and personal passwords through the link, and takes a passphrase", async () => {
    const { inviteUrl } = await createUser(
      ctx.db,
      coord,
      { email: "jeanne.martin@weak.test", displayName: "Jeanne Martin", role: "CLINICIAN", centreCode: "REI" },
      "https://e",
    );
    const token = inviteUrl.split("/").at(-1)!;
    for (const password of [
      "motdepasse123",
      "Password1234",
      "azertyuiop123",
      "jeanne.martin1",
      "123456789012",
      "aaaaaaaaaaaa",
    ]) {
      const refused = await errorOf(() => acceptInvitation(ctx.db, token, { password, confirm: password }));
      expect({ password, errors: (refused as InputError).fieldErrors }).toEqual({
        password,
        errors: { password: [{ key: "passwordRule.weak" }] },
      });
    }
    await acceptInvitation(ctx.db, token, {
      password: "ocelot-harbour-violin-1987",
      confirm: "ocelot-harbour-violin-1987",
    });
  });
});

describe("password rule, messages", () => {
  it("names the field and the rule in French and English", () => {
    expect(securityMessages.fr.passwordRule.weak).toMatch(/^Mot de passe : trop facile à deviner/);
    expect(securityMessages.en.passwordRule.weak).toMatch(/^Password: too easy to guess/);
    expect(passwordStrengthIssue("correct-horse-battery-staple")).toBeNull();
    expect(passwordStrengthIssue("qwertyuiopasdf")).toBe("passwordRule.weak");
  });
});

describe("the SQLite database file is readable by its owner only (0600)", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ecrf-mode-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const mode = (path: string) => statSync(path).mode & 0o777;

  it("creates it 0600 through the migrations and the app's client, whatever the umask", async () => {
    const old = process.umask(0o022);
    try {
      const file = join(dir, "fresh.db");
      await applyMigrations(`file:${file}`);
      expect(mode(file).toString(8)).toBe("600");
      const { db } = createDb(`file:${join(dir, "other.db")}`);
      await db.$queryRawUnsafe("SELECT 1");
      await db.$disconnect();
      expect(mode(join(dir, "other.db")).toString(8)).toBe("600");
    } finally {
      process.umask(old);
    }
  });

  it("narrows an existing world-readable file and its journal", async () => {
    const file = join(dir, "old.db");
    writeFileSync(file, "", { mode: 0o644 });
    writeFileSync(`${file}-wal`, "", { mode: 0o644 });
    const { db } = createDb(`file:${file}`);
    await db.$disconnect();
    expect(mode(file).toString(8)).toBe("600");
    expect(mode(`${file}-wal`).toString(8)).toBe("600");
  });
});

describe("Origin: null on the JSON API is refused (403), not a crash", () => {
  const request = (origin: string | null) =>
    new Request("http://ecrf.test/api/cases/x/draft", {
      method: "PATCH",
      headers: { host: "ecrf.test", "content-type": "application/json", ...(origin === null ? {} : { origin }) },
      body: "{}",
    });
  it("answers 403 for null, garbage, another site or no Origin; reads a same-origin body", async () => {
    for (const origin of ["null", "not a url", "https://evil.test", null]) {
      const result = await readJsonBody(request(origin));
      expect({ origin, status: result.ok ? 200 : result.response.status }).toEqual({ origin, status: 403 });
    }
    expect(await readJsonBody(request("http://ecrf.test"))).toEqual({ ok: true, value: {} });
    expect(sameOrigin(new Headers({ origin: "null", host: "ecrf.test" }))).toBe(false);
  });
});

describe("sign-in never shows an internal error's text", () => {
  it("the page reads only its own codes; anything else is the generic sentence", () => {
    const texts = {
      invalid: "INVALID-TEXT",
      unavailable: "UNAVAILABLE-TEXT",
      throttled: (d: Date) => `WAIT ${d.toISOString()}`,
    };
    expect(describeSignInError("SQLITE_CANTOPEN: unable to open database file /srv/data/ecrf.db", texts)).toBe(
      "INVALID-TEXT",
    );
    expect(describeSignInError("UNAVAILABLE", texts)).toBe("UNAVAILABLE-TEXT");
    expect(describeSignInError("THROTTLED:not-a-date", texts)).toBe("INVALID-TEXT");
    expect(describeSignInError("THROTTLED:2030-01-01T10:00:00.000Z", texts)).toBe("WAIT 2030-01-01T10:00:00.000Z");
  });

  it("a database that cannot be opened makes authorize say UNAVAILABLE, nothing more", async () => {
    // A "directory" that is a file: SQLite cannot open the database (SQLITE_CANTOPEN on a server).
    const notADir = join(mkdtempSync(join(tmpdir(), "ecrf-broken-")), "file");
    writeFileSync(notADir, "");
    const broken = () => createDb(`file:${notADir}/ecrf.db`).db;
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    const error = await errorOf(() =>
      authorizeCredentials({ email: "a@b.test", password: "whatever-password" }, { headers: {} }, broken),
    );
    expect((error as Error).message).toBe("UNAVAILABLE");
    // The reason goes to the server's log only.
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });
});

describe("redcap-import.csv: the one CSV without the formula guard, said by name", () => {
  it("the exports page names it and says why, in French and English", () => {
    expect(exportsFr.exports.how.formula).toMatch(
      /redcap-import\.csv aussi \(REDCap enregistrerait l’apostrophe dans la donnée\)/,
    );
    expect(exportsEn.exports.how.formula).toMatch(
      /so does redcap-import\.csv \(REDCap would store the apostrophe in the data\)/,
    );
  });
});

describe("client address and progressive delay (ADR 0011)", () => {
  it("behind N trusted proxies, counts the address the first proxy saw, not what the client wrote", () => {
    expect(clientAddress("6.6.6.6, 203.0.113.5", 1)).toBe("203.0.113.5");
    expect(clientAddress("6.6.6.6, 203.0.113.5, 10.0.0.2", 2)).toBe("203.0.113.5");
    expect(clientAddress("203.0.113.5", 0)).toBe("203.0.113.5");
    expect(clientAddress(null, 1)).toBe("unknown");
    expect(clientAddress("::ffff:192.0.2.7", 0)).toBe("192.0.2.7");
    expect(clientAddress("2001:db8:1:2:aaaa::1", 0)).toBe(clientAddress("2001:db8:1:2:bbbb::9", 0));
    expect(trustedProxyHops("1")).toBe(1);
    expect(trustedProxyHops("yes")).toBe(0);
  });
  it("waits nothing before the free failures, then doubles up to 15 minutes", () => {
    const free = THROTTLE.accountClientFreeFailures;
    expect(progressiveDelaySeconds(free - 1, free)).toBe(0);
    expect([free, free + 1, free + 2].map((n) => progressiveDelaySeconds(n, free))).toEqual([30, 60, 120]);
    expect(progressiveDelaySeconds(free + 40, free)).toBe(15 * 60);
  });
});
