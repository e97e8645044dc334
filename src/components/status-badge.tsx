import { getTranslations } from "next-intl/server";

export async function StatusBadge({ status }: { status: string }) {
  const t = await getTranslations("status");
  return <span className={`badge badge--${status.toLowerCase()}`}>{t.has(status) ? t(status) : status}</span>;
}
