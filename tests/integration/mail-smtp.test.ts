import { createServer, type AddressInfo, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliverQueuedMail, MailConfigError, queueMail, senderFromEnv } from "@/server/mail";
import { describeEachDatabase } from "../support/test-database";

/** A minimal SMTP server (no TLS, no auth) that keeps what it receives. */
function fakeSmtp(): Promise<{
  server: Server;
  port: number;
  received: { from: string; to: string[]; data: string }[];
}> {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = createServer((socket) => {
    let buffer = "";
    let inData = false;
    let current = { from: "", to: [] as string[], data: "" };
    socket.write("220 fake.smtp ESMTP\r\n");
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      for (;;) {
        if (inData) {
          const end = buffer.indexOf("\r\n.\r\n");
          if (end < 0) return;
          current.data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push(current);
          current = { from: "", to: [], data: "" };
          socket.write("250 OK queued\r\n");
          continue;
        }
        const eol = buffer.indexOf("\r\n");
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === "EHLO" || verb === "HELO") socket.write("250-fake.smtp\r\n250 8BITMIME\r\n");
        else if (verb === "MAIL") (current.from = line), socket.write("250 OK\r\n");
        else if (verb === "RCPT") current.to.push(line), socket.write("250 OK\r\n");
        else if (verb === "DATA") (inData = true), socket.write("354 go on\r\n");
        else if (verb === "QUIT") socket.end("221 bye\r\n");
        else socket.write("250 OK\r\n");
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, port: (server.address() as AddressInfo).port, received })),
  );
}

describe("SMTP configuration (SMTP_URL, MAIL_FROM)", () => {
  it("is off when SMTP_URL is unset, and needs MAIL_FROM and an smtp(s) URL when set", () => {
    expect(senderFromEnv({})).toBeNull();
    expect(senderFromEnv({ SMTP_URL: " " })).toBeNull();
    expect(() => senderFromEnv({ SMTP_URL: "smtp://127.0.0.1:2525" })).toThrow(MailConfigError);
    expect(() => senderFromEnv({ SMTP_URL: "http://127.0.0.1", MAIL_FROM: "a@b.c" })).toThrow(MailConfigError);
  });
});

describeEachDatabase("mail delivery through SMTP (nodemailer)", (ctx) => {
  let smtp: Awaited<ReturnType<typeof fakeSmtp>>;
  beforeAll(async () => {
    smtp = await fakeSmtp();
  });
  afterAll(async () => {
    await new Promise((resolve) => smtp.server.close(resolve));
  });

  it("sends the outbox's unsent mail through the SMTP server and stamps sentAt", async () => {
    const id = await queueMail(ctx.db, {
      to: "clin@t.test",
      subject: "DM-SAM eCRF — relance / reminder",
      body: "Bonjour,\nclôture le 5 juillet 2026.",
      kind: "reminder",
    });
    const sender = senderFromEnv({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: "DM-SAM eCRF <ecrf@t.test>" });
    const report = await deliverQueuedMail(ctx.db, sender);
    expect(report).toEqual({ sent: 1, failed: 0, errors: [] });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.from).toContain("ecrf@t.test");
    expect(smtp.received[0]!.to.join()).toContain("clin@t.test");
    expect(smtp.received[0]!.data).toContain("Subject: =?UTF-8?");
    expect((await ctx.db.outboxMail.findUniqueOrThrow({ where: { id } })).sentAt).toBeInstanceOf(Date);
    smtp.received.length = 0;
  });

  it("keeps the mail unsent when the SMTP server cannot be reached", async () => {
    const id = await queueMail(ctx.db, { to: "ra@t.test", subject: "s", body: "b", kind: "invitation" });
    const closed = await fakeSmtp();
    await new Promise((resolve) => closed.server.close(resolve));
    const report = await deliverQueuedMail(
      ctx.db,
      senderFromEnv({ SMTP_URL: `smtp://127.0.0.1:${closed.port}`, MAIL_FROM: "ecrf@t.test" }),
    );
    expect(report).toMatchObject({ sent: 0, failed: 1 });
    expect(report.errors[0]?.mailId).toBe(id);
    expect((await ctx.db.outboxMail.findUniqueOrThrow({ where: { id } })).sentAt).toBeNull();
  });
});
