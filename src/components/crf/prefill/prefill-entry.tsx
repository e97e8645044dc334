"use client";
// The case form's « Pré-remplir depuis un document » button. The panel and the
// extractor are a separate chunk (next/dynamic), fetched only when the button
// is pressed: the form page's initial JavaScript carries just this button.
import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";
import { useState } from "react";

function Loading() {
  const t = useTranslations("prefill");
  return <p role="status">{t("loading")}</p>;
}

const PrefillPanel = dynamic(() => import("./prefill-panel").then((m) => m.PrefillPanel), {
  ssr: false,
  loading: Loading,
});

export function PrefillEntry() {
  const t = useTranslations("prefill");
  const [open, setOpen] = useState(false);
  if (open) return <PrefillPanel onClose={() => setOpen(false)} />;
  return (
    <p className="prefill-entry">
      <button type="button" className="button-secondary" onClick={() => setOpen(true)} data-testid="prefill-open">
        {t("open")}
      </button>
    </p>
  );
}
