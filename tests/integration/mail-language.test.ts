import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { InputError } from "@/server/errors";
import { createUser, reinviteUser, resetUserPassword } from "@/server/users.server";
import { addCentre, addUser, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("mails in the recipient's language", (ctx) => {
  let coord: Actor;

  beforeAll(async () => {
    await addCentre(ctx.db, "REI");
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
  });

  it("writes the invitation in the language the coordinator chose (French by default) and keeps it on the account", async () => {
    await createUser(
      ctx.db,
      coord,
      { email: "anglo@t.test", displayName: "Dr Smith", role: "CLINICIAN", centreCode: "REI", locale: "en" },
      "http://app",
    );
    await createUser(
      ctx.db,
      coord,
      { email: "franco@t.test", displayName: "Dr Martin", role: "RESEARCH_ASSISTANT", centreCode: "REI" },
      "http://app",
    );
    const en = await ctx.db.outboxMail.findFirstOrThrow({ where: { to: "anglo@t.test" } });
    expect(en.subject).toBe("DM-SAM eCRF — invitation");
    expect(en.body).toMatch(
      /^Hello Dr Smith,\n\nAn account has been created for you on the DM-SAM study eCRF\. Choose your password \(link valid 72 h, single use\):\nhttp:\/\/app\/invite\/[A-Za-z0-9_-]{40,}$/,
    );
    const fr = await ctx.db.outboxMail.findFirstOrThrow({ where: { to: "franco@t.test" } });
    expect(fr.body).toMatch(
      /^Bonjour Dr Martin,\n\nUn compte a été créé pour vous sur l’eCRF de l’étude DM-SAM\. Choisissez votre mot de passe \(lien valable 72 h, utilisable une fois\) :\nhttp:\/\/app\/invite\//,
    );
    expect(fr.body).not.toContain("Hello");
    expect((await ctx.db.user.findUniqueOrThrow({ where: { email: "anglo@t.test" } })).locale).toBe("en");
    expect((await ctx.db.user.findUniqueOrThrow({ where: { email: "franco@t.test" } })).locale).toBe("fr");
    const bad = await errorOf(() =>
      createUser(
        ctx.db,
        coord,
        { email: "x@t.test", displayName: "X", role: "CLINICIAN", centreCode: "REI", locale: "de" },
        "http://app",
      ),
    );
    expect((bad as InputError).fieldErrors.locale?.[0]?.key).toBe("locale.invalid");
  });

  it("re-invitations and coordinator resets follow the account's language", async () => {
    const { userId } = await createUser(
      ctx.db,
      coord,
      { email: "later@t.test", displayName: "Dr Later", role: "CLINICIAN", centreCode: "REI", locale: "en" },
      "http://app",
    );
    await reinviteUser(ctx.db, coord, userId, "http://app");
    const en = await ctx.db.user.findUniqueOrThrow({ where: { email: "later@t.test" } });
    const mails = await ctx.db.outboxMail.findMany({ where: { to: "later@t.test" }, orderBy: { createdAt: "asc" } });
    expect(mails.map((m) => m.subject)).toEqual(["DM-SAM eCRF — invitation", "DM-SAM eCRF — new invitation link"]);
    expect(mails[1]!.body).toMatch(/^This link replaces the previous ones, which no longer work\.\n\nHello Dr Later,/);

    const fr = await addUser(ctx.db, { email: "reset.fr@t.test", role: "CLINICIAN", centreCode: "REI" });
    await resetUserPassword(ctx.db, coord, fr.id, "http://app");
    const reset = await ctx.db.outboxMail.findFirstOrThrow({ where: { to: "reset.fr@t.test" } });
    expect(reset.subject).toBe("DM-SAM eCRF — réinitialisation du mot de passe");
    expect(reset.body).toContain(
      "Le coordinateur de l’étude DM-SAM a demandé la réinitialisation de votre mot de passe.",
    );
    await ctx.db.user.update({ where: { id: fr.id }, data: { locale: "en" } });
    await resetUserPassword(ctx.db, coord, fr.id, "http://app");
    const resetEn = await ctx.db.outboxMail.findFirstOrThrow({
      where: { to: "reset.fr@t.test", subject: "DM-SAM eCRF — password reset" },
    });
    expect(resetEn.body).toContain("The DM-SAM study coordinator has reset your password.");
    expect(en.locale).toBe("en");
  });
});
