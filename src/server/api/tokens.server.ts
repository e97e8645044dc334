import "server-only";
// API tokens (ADR 0020): created by their owner (coordinators, statisticians),
// listed without their secret, revoked by their owner or a coordinator. The
// secret is 32 random bytes shown once; only its SHA-256 is stored, so a copy
// of the database holds no usable token. Every change is audited.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { Actor } from "@/domain/actor";
import {
  expiryFrom,
  newTokenSchema,
  scopeAllowed,
  scopesOf,
  SHOWN_PREFIX_LENGTH,
  TOKEN_PATTERN,
  TOKEN_PREFIX,
  type ApiScope,
} from "@/domain/api/policy";
import { can } from "@/domain/roles";
import { zodFieldErrors } from "@/domain/zod-errors";
import { authorize } from "../access.server";
import { appendAudit } from "../audit.server";
import type { Db } from "../db/create-db";
import { InputError, NotFoundError } from "../errors";

export const tokenHash = (secret: string): string => createHash("sha256").update(secret, "utf8").digest("hex");

export interface CreatedToken {
  id: string;
  /** The whole secret: shown once, never stored. */
  secret: string;
  expiresAt: string;
}

export async function createApiToken(db: Db, actor: Actor, input: unknown, now = new Date()): Promise<CreatedToken> {
  authorize(actor, "api.token");
  const parsed = newTokenSchema.safeParse(input);
  if (!parsed.success) throw new InputError(zodFieldErrors(parsed.error));
  const { name, scopes, days } = parsed.data;
  const refused = scopes.find((s) => !scopeAllowed(actor.role, s));
  if (refused) throw InputError.field("scopes", { key: "apiToken.scopeNotAllowed", params: { scope: refused } });
  const unique = [...new Set(scopes)].sort();
  const secret = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = expiryFrom(now, days);
  const prefix = secret.slice(TOKEN_PREFIX.length, TOKEN_PREFIX.length + SHOWN_PREFIX_LENGTH);
  const id = await db.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { name, scopes: unique.join(" "), ownerId: actor.id, prefix, tokenHash: tokenHash(secret), expiresAt },
      select: { id: true },
    });
    await appendAudit(
      tx,
      [
        {
          type: "token.created",
          actor: { id: actor.id, role: actor.role, centreCode: actor.centreCode },
          data: { tokenId: row.id, name, scopes: unique, expiresAt: expiresAt.toISOString(), prefix },
        },
      ],
      now,
    );
    return row.id;
  });
  return { id, secret, expiresAt: expiresAt.toISOString() };
}

export interface TokenView {
  id: string;
  name: string;
  scopes: ApiScope[];
  prefix: string;
  ownerId: string;
  ownerName: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  state: "active" | "expired" | "revoked";
  mine: boolean;
}

/** One's own tokens; a coordinator sees everyone's (to revoke a leaked one). Never a secret or a hash. */
export async function listApiTokens(db: Db, actor: Actor, now = new Date()): Promise<TokenView[]> {
  authorize(actor, "api.token");
  const all = can(actor.role, "user.manage");
  const rows = await db.apiToken.findMany({
    where: all ? {} : { ownerId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    select: {
      id: true,
      name: true,
      scopes: true,
      prefix: true,
      ownerId: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  const owners = await db.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.ownerId))] } },
    select: { id: true, displayName: true },
  });
  const names = new Map(owners.map((o) => [o.id, o.displayName]));
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    scopes: scopesOf(r.scopes),
    prefix: r.prefix,
    ownerId: r.ownerId,
    ownerName: names.get(r.ownerId) ?? "",
    createdAt: r.createdAt.toISOString(),
    expiresAt: r.expiresAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
    state: r.revokedAt ? "revoked" : r.expiresAt <= now ? "expired" : "active",
    mine: r.ownerId === actor.id,
  }));
}

/** Revokes a token at once: its owner's, or any one for a coordinator. Revoking twice changes nothing. */
export async function revokeApiToken(db: Db, actor: Actor, tokenId: unknown, now = new Date()): Promise<void> {
  authorize(actor, "api.token");
  if (typeof tokenId !== "string" || tokenId.length > 64) throw new NotFoundError();
  await db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!token || (token.ownerId !== actor.id && !can(actor.role, "user.manage"))) throw new NotFoundError();
    if (token.revokedAt) return;
    await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: now, revokedById: actor.id } });
    await appendAudit(
      tx,
      [
        {
          type: "token.revoked",
          actor: { id: actor.id, role: actor.role, centreCode: actor.centreCode },
          data: { tokenId, name: token.name, ownerId: token.ownerId },
        },
      ],
      now,
    );
  });
}

export interface StoredToken {
  id: string;
  ownerId: string;
  scopes: ApiScope[];
  expiresAt: Date;
  revokedAt: Date | null;
}

/**
 * The stored token a presented secret names, or null. Looked up by its hash
 * (the index never sees the secret), then the hashes compared in constant time:
 * the database's own string comparison is not promised to be.
 */
export async function findToken(db: Db, secret: string): Promise<StoredToken | null> {
  if (!TOKEN_PATTERN.test(secret)) return null;
  const hash = tokenHash(secret);
  const row = await db.apiToken.findUnique({ where: { tokenHash: hash } });
  if (!row) return null;
  const a = Buffer.from(row.tokenHash, "utf8");
  const b = Buffer.from(hash, "utf8");
  if (a.length !== b.length || !timingSafeEqual(a, b)) return null;
  return {
    id: row.id,
    ownerId: row.ownerId,
    scopes: scopesOf(row.scopes),
    expiresAt: row.expiresAt,
    revokedAt: row.revokedAt,
  };
}

/**
 * Revokes the tokens found in a request's address (ADR 0020): a secret sent
 * there is in proxy and server logs, so it is spent. The API does it at once,
 * with the owner as the event's actor, rather than wait for someone to notice.
 */
export async function revokeLeakedTokens(db: Db, texts: readonly string[], now = new Date()): Promise<StoredToken[]> {
  const secrets = new Set(texts.flatMap((t) => t.match(/dmsam_[A-Za-z0-9_-]{43}/g) ?? []));
  const revoked: StoredToken[] = [];
  for (const secret of secrets) {
    const token = await findToken(db, secret);
    if (!token || token.revokedAt) continue;
    await db.$transaction(async (tx) => {
      const row = await tx.apiToken.update({ where: { id: token.id }, data: { revokedAt: now } });
      const owner = await tx.user.findUnique({ where: { id: row.ownerId }, include: { centre: true } });
      await appendAudit(
        tx,
        [
          {
            type: "token.revoked",
            actor: owner ? { id: owner.id, role: owner.role, centreCode: owner.centre?.code ?? null } : null,
            data: { tokenId: row.id, name: row.name, ownerId: row.ownerId, cause: "sent_in_url" },
          },
        ],
        now,
      );
    });
    revoked.push({ ...token, revokedAt: now });
  }
  return revoked;
}
