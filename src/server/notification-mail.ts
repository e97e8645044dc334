// The notification mails (ADR 0016), in the recipient's language: what
// happened, on which case (pseudonymised key) and field (its label), and a
// link. Never a value and never the text of a query message (it may quote one).
// A plain module (no "server-only"): the daily digest runs from a script.
import { createTranslator } from "next-intl";
import { answerPathLabel } from "@/domain/crf/field-path";
import { casePath, type NotificationKind } from "@/domain/notifications";
import type { Locale } from "@/i18n/locales";
import en from "@/i18n/messages/features/notify-mail.en.json";
import fr from "@/i18n/messages/features/notify-mail.fr.json";
import { publicBaseUrl } from "@/server/env";

const CATALOGUES = { fr, en } as const;
type Params = Record<string, string | number>;

function translator(locale: Locale): (key: string, params?: Params) => string {
  const t = createTranslator({ locale, messages: CATALOGUES[locale], namespace: "notifyMail" });
  return (key, params) => (t as unknown as (k: string, p?: Params) => string)(key, params);
}

/** The label of a field path: a field, a block's row field, or a block (a row path names its block). */
export function fieldLabel(path: string, locale: Locale): string {
  return answerPathLabel(path)[locale];
}

export interface NotificationItem {
  kind: NotificationKind;
  caseId: string;
  caseKey: string;
  fieldPath: string | null;
}

function lines(t: ReturnType<typeof translator>, item: NotificationItem, locale: Locale, base: string): string {
  const field = item.fieldPath ? t("field", { label: fieldLabel(item.fieldPath, locale) }) : t("wholeCase");
  return `${t(`line.${item.kind}`, { key: item.caseKey, field })}\n${t("link", { url: `${base}${casePath(item.caseId, item.fieldPath)}` })}`;
}

/** One notification, mailed at once. */
export function notificationMail(
  locale: Locale,
  name: string,
  item: NotificationItem,
  baseUrl: string = publicBaseUrl(),
): { subject: string; body: string } {
  const t = translator(locale);
  const body = [
    t("hello", { name }),
    lines(t, item, locale, baseUrl),
    t("footer", { prefs: `${baseUrl}/notifications` }),
  ].join("\n\n");
  return { subject: t(`subject.${item.kind}`, { key: item.caseKey }), body };
}

/** The day's notifications in one mail. */
export function digestMail(
  locale: Locale,
  name: string,
  items: readonly NotificationItem[],
  baseUrl: string = publicBaseUrl(),
): { subject: string; body: string } {
  const t = translator(locale);
  const body = [
    t("hello", { name }),
    t("digestIntro"),
    ...items.map((i) => lines(t, i, locale, baseUrl)),
    t("footer", { prefs: `${baseUrl}/notifications` }),
  ].join("\n\n");
  return { subject: t("subject.digest", { count: items.length }), body };
}
