"use client";
import { useTranslations } from "next-intl";

/** The list of what is wrong, at the top of a form, announced when it appears. */
export function FormErrors({ messages }: { messages: string[] }) {
  const t = useTranslations("common");
  if (messages.length === 0) return null;
  return (
    <div className="form-errors" role="alert" aria-live="assertive">
      <p>{t("errorSummary", { count: messages.length })}</p>
      <ul>
        {messages.map((m) => (
          <li key={m}>{m}</li>
        ))}
      </ul>
    </div>
  );
}
