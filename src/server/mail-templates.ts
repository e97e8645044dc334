// The texts of every mail the app sends, in the recipient's language
// (User.locale; French when unknown). The wording lives in the message
// catalogues src/i18n/messages/features/mail.<locale>.json (ICU MessageFormat,
// checked for parity with the interface's catalogues); this module only fills
// them in. Plain text mails: nothing is HTML-escaped.
// A plain module (no "server-only"): `npm run reminders` uses it outside Next.js.
import { createTranslator } from "next-intl";
import { pseudonymisedKey, type PendingCase, type PlannedReminder } from "@/domain/reminders";
import type { StudyCalendar } from "@/domain/study-calendar";
import { asLocale, type Locale } from "@/i18n/locales";
import mailEn from "@/i18n/messages/features/mail.en.json";
import mailFr from "@/i18n/messages/features/mail.fr.json";

export interface RenderedMail {
  subject: string;
  body: string;
}

const CATALOGUES = { fr: mailFr, en: mailEn } as const;
const DATE_LOCALE: Record<Locale, string> = { fr: "fr-FR", en: "en-GB" };

type Params = Record<string, string | number>;

function translator(locale: Locale): (key: string, params?: Params) => string {
  const t = createTranslator({ locale, messages: CATALOGUES[locale], namespace: "mail" });
  return (key, params) => (t as unknown as (k: string, p?: Params) => string)(key, params);
}

/** The language of a stored User.locale (anything unknown is French, the study's language). */
export function mailLocale(stored: string | null | undefined): Locale {
  return asLocale(stored);
}

const withoutTrailingSlash = (url: string) => url.replace(/\/$/, "");

/** "5 juillet 2026" / "5 July 2026": a calendar date (YYYY-MM-DD), whatever the server's time zone. */
export function longDate(locale: Locale, iso: string): string {
  return new Intl.DateTimeFormat(DATE_LOCALE[locale], { dateStyle: "long", timeZone: "UTC" }).format(
    new Date(`${iso}T12:00:00Z`),
  );
}

export interface LinkMailInput {
  displayName: string;
  link: string;
  /** How long the link works. */
  hours: number;
}

/** A new account's one-time link to choose a password. */
export function invitationMail(locale: Locale, input: LinkMailInput): RenderedMail {
  const t = translator(locale);
  return {
    subject: t("invitation.subject"),
    body: t("invitation.body", { name: input.displayName, link: input.link, hours: input.hours }),
  };
}

/** A new invitation link that replaces the earlier ones. */
export function reinvitationMail(locale: Locale, input: LinkMailInput): RenderedMail {
  const t = translator(locale);
  return {
    subject: t("reinvitation.subject"),
    body: `${t("reinvitation.notice")}\n\n${invitationMail(locale, input).body}`,
  };
}

/** The coordinator has reset the password: a one-time link to choose a new one. */
export function passwordResetMail(locale: Locale, input: LinkMailInput): RenderedMail {
  const t = translator(locale);
  return {
    subject: t("passwordReset.subject"),
    body: t("passwordReset.body", { name: input.displayName, link: input.link, hours: input.hours }),
  };
}

/** The user asked for a new password themselves ("forgot password?"). */
export function forgotPasswordMail(
  locale: Locale,
  input: { displayName: string; link: string; minutes: number },
): RenderedMail {
  const t = translator(locale);
  return {
    subject: t("forgotPassword.subject"),
    body: t("forgotPassword.body", { name: input.displayName, link: input.link, minutes: input.minutes }),
  };
}

function caseLines(t: ReturnType<typeof translator>, cases: readonly PendingCase[], base: string): string {
  return cases
    .map((c) => {
      const state = [
        c.draft ? t("reminder.draft") : null,
        c.openQueries > 0 ? t("reminder.openQueries", { count: c.openQueries }) : null,
      ]
        .filter(Boolean)
        .join(", ");
      return t("reminder.caseLine", { key: pseudonymisedKey(c), id: c.id, state, url: `${base}/cases/${c.id}` });
    })
    .join("\n");
}

/**
 * A study reminder: the mid-term one states the closing date (and the grace
 * period); the specific one also lists the centre's records still to act on,
 * by pseudonymised key, record id and link — never anything else about the patient.
 */
export function reminderMail(
  locale: Locale,
  plan: PlannedReminder,
  calendar: StudyCalendar,
  baseUrl: string,
): RenderedMail {
  const t = translator(locale);
  const base = withoutTrailingSlash(baseUrl);
  const common = {
    name: plan.recipient.displayName,
    closing: longDate(locale, calendar.closing),
    grace: calendar.graceDays > 0 ? "yes" : "no",
    graceEnd: longDate(locale, calendar.graceEnd),
  };
  if (plan.kind === "midterm") {
    return {
      subject: t("reminder.midterm.subject", common),
      body: t("reminder.midterm.body", { ...common, home: `${base}/` }),
    };
  }
  const centre = plan.recipient.centreCode;
  return {
    subject: t("reminder.pending.subject", { centre }),
    body: t("reminder.pending.body", { ...common, centre, cases: caseLines(t, plan.cases, base) }),
  };
}

/** To the owner, once, when their account's sign-in delay starts after many failures (ADR 0011). */
export function accountDelayedMail(locale: Locale, input: { displayName: string; failures: number }): RenderedMail {
  const t = translator(locale);
  return {
    subject: t("accountDelayed.subject"),
    body: t("accountDelayed.body", { name: input.displayName, failures: input.failures }),
  };
}

/** To the owner after a new password was chosen (a takeover is then noticed by the person it targets). */
export function passwordChangedMail(locale: Locale, input: { displayName: string }): RenderedMail {
  const t = translator(locale);
  return { subject: t("passwordChanged.subject"), body: t("passwordChanged.body", { name: input.displayName }) };
}
