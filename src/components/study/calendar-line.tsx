import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { Actor } from "@/domain/actor";
import { can } from "@/domain/roles";
import type { StudyPhase } from "@/domain/study-calendar";

/**
 * One line at the top of the home page: where the study stands ("day 45 of 182, closes on 30 June 2026").
 * The page loads the phase (getStudyStatus): a component never reaches the database.
 */
export async function StudyCalendarLine(props: { actor: Actor; phase: StudyPhase; settingsLink?: boolean }) {
  const { actor, phase, settingsLink = true } = props;
  const manage = can(actor.role, "study.manage");
  // No calendar yet: only the coordinator, who can set it, is told.
  if (phase.phase === "unset" && !manage) return null;
  const t = await getTranslations("study.line");
  const format = await getFormatter();
  const date = (iso: string) => format.dateTime(new Date(`${iso}T12:00:00Z`), { dateStyle: "long", timeZone: "UTC" });
  let text: string;
  switch (phase.phase) {
    case "unset":
      text = t("unset");
      break;
    case "not_opened":
      text = t("not_opened", { opening: date(phase.opening), closing: date(phase.closing), days: phase.daysUntil });
      break;
    case "open":
    case "closing_soon":
      text = t(phase.phase, {
        day: phase.day,
        total: phase.totalDays,
        closing: date(phase.closing),
        left: phase.daysLeft,
      });
      break;
    case "grace":
      text = t("grace", { closing: date(phase.closing), graceEnd: date(phase.graceEnd), left: phase.daysLeft });
      break;
    case "closed":
      text = t("closed", { closing: date(phase.closing) });
      break;
  }
  const warn = phase.phase === "closing_soon" || phase.phase === "grace" || phase.phase === "closed";
  return (
    <p className={`notice${warn ? " notice--warning" : ""}`} data-testid="study-calendar" data-phase={phase.phase}>
      {text}
      {manage && settingsLink ? (
        <>
          {" "}
          <Link href="/admin/study">{t("settingsLink")}</Link>
        </>
      ) : null}
    </p>
  );
}
