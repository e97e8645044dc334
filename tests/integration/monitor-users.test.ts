// Creating monitors and statisticians from the users page (ADR 0016): a
// monitor of listed centres or of every centre, refused with a named field
// message when the list is missing or names an unknown centre; the actor a
// request then loads carries exactly that scope.
import { beforeAll, expect, it } from "vitest";
import type { Actor } from "@/domain/actor";
import { loadActor } from "@/server/actor.server";
import { InputError } from "@/server/errors";
import { createUser, listUsers } from "@/server/users.server";
import { addCentre, addUser, errorOf } from "../support/fixtures";
import { describeEachDatabase } from "../support/test-database";

describeEachDatabase("monitor and statistician accounts", (ctx) => {
  let coord: Actor;
  beforeAll(async () => {
    for (const code of ["REI", "PAR", "LYO"]) await addCentre(ctx.db, code);
    coord = await addUser(ctx.db, { email: "coord@t.test", role: "COORDINATOR" });
  });
  const create = (input: Record<string, unknown>) =>
    createUser(ctx.db, coord, { displayName: "X", ...input }, "http://x");
  const fieldKey = async (input: Record<string, unknown>) => {
    const error = await errorOf(() => create(input));
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).fieldErrors.monitoredCentres?.[0]?.key;
  };

  it("a monitor of listed centres sees those centres; of every centre, all of them", async () => {
    const listed = await create({ email: "mon.list@t.test", role: "MONITOR", monitoredCentres: "rei; par" });
    const all = await create({ email: "mon.all@t.test", role: "MONITOR", monitorsAllCentres: true });
    const ids = new Map((await ctx.db.centre.findMany()).map((c) => [c.code, c.id]));
    expect(new Set((await loadActor(ctx.db, listed.userId))?.monitorScope)).toEqual(
      new Set([ids.get("REI"), ids.get("PAR")]),
    );
    expect((await loadActor(ctx.db, all.userId))?.monitorScope).toBe("all");
    const rows = await listUsers(ctx.db, coord);
    expect(rows.find((u) => u.email === "mon.list@t.test")?.monitored).toEqual(["PAR", "REI"]);
    expect(rows.find((u) => u.email === "mon.all@t.test")?.monitored).toBe("all");
  });

  it("refuses a monitor without centres or with an unknown or malformed code, writing nothing", async () => {
    expect(await fieldKey({ email: "m1@t.test", role: "MONITOR" })).toBe("monitoredCentres.required");
    expect(await fieldKey({ email: "m2@t.test", role: "MONITOR", monitoredCentres: "REI, XYZ" })).toBe(
      "monitoredCentres.unknown",
    );
    expect(await fieldKey({ email: "m3@t.test", role: "MONITOR", monitoredCentres: "REIMS" })).toBe(
      "monitoredCentres.invalid",
    );
    expect(await ctx.db.user.count({ where: { email: { in: ["m1@t.test", "m2@t.test", "m3@t.test"] } } })).toBe(0);
  });

  it("a statistician needs no centre and gets none", async () => {
    const { userId } = await create({ email: "stats@t.test", role: "STATISTICIAN", centreCode: "REI" });
    expect(await loadActor(ctx.db, userId)).toMatchObject({ role: "STATISTICIAN", centreId: null, centreCode: null });
    expect((await loadActor(ctx.db, userId))?.monitorScope).toBeUndefined();
  });
});
