import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { CaseSummary } from "@/server/cases.server";
import { StatusBadge } from "./status-badge";

export async function CasesTable({ cases, showCentre }: { cases: CaseSummary[]; showCentre: boolean }) {
  const t = await getTranslations("cases");
  const th = await getTranslations("home");
  const tq = await getTranslations("queries");
  const format = await getFormatter();
  if (cases.length === 0) return <p className="empty">{th("noCases")}</p>;
  return (
    <table className="table" data-testid="cases-table">
      <thead>
        <tr>
          <th scope="col">{t("key")}</th>
          {showCentre ? <th scope="col">{t("centre")}</th> : null}
          <th scope="col">{t("status")}</th>
          <th scope="col">{tq("title", { count: cases.reduce((n, c) => n + c.openQueries, 0) })}</th>
          <th scope="col">{t("updated")}</th>
        </tr>
      </thead>
      <tbody>
        {cases.map((c) => (
          <tr key={c.id}>
            <td>
              <Link href={`/cases/${c.id}`}>
                {c.initials} · {c.birthDate} · {c.centreCode}
              </Link>
            </td>
            {showCentre ? <td>{c.centreCode}</td> : null}
            <td>
              <StatusBadge status={c.status} />
            </td>
            <td>{c.openQueries || ""}</td>
            <td>{format.dateTime(c.updatedAt, { dateStyle: "short", timeStyle: "short" })}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
