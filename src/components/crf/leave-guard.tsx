"use client";
// Leaving the case by an in-app link while changes are unsaved asks first;
// an unsettled conflict counts as unsaved (the user's side is held back).
// autosave.ts already asks on reload, tab close and external links
// (beforeunload); an in-app link (header, history, print: Next <Link>) is a
// client-side navigation that beforeunload never sees, so clicks are caught
// here, in the capture phase on window: before React dispatches the click to
// Link, which does nothing once the event's default is prevented.
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import type { Conflict } from "@/domain/crf/merge";
import type { SaveStateStore } from "./autosave";
import type { SaveStatus } from "./save-session";

export type UnsavedState = "pending" | "refused" | "failed" | "conflict";

/**
 * What leaving now would lose, or null when everything typed is saved. A
 * conflict still open (both versions side by side) is unsaved too: the
 * user's version is held back from every save until they choose, so leaving
 * drops it. A failed, refused or pending save is said first: it is the more
 * general loss.
 */
export function unsavedState(status: SaveStatus, conflicts: readonly Conflict[] = []): UnsavedState | null {
  return statusLoss(status) ?? (conflicts.length > 0 ? "conflict" : null);
}

function statusLoss(status: SaveStatus): UnsavedState | null {
  switch (status.kind) {
    // "saving" too: changes typed during a save wait for the next one.
    case "pending":
    case "saving":
    case "reason":
      return "pending";
    case "invalid":
      return "refused";
    case "error":
      return "failed";
    case "idle":
    case "saved":
      return null;
  }
}

/**
 * The link a click follows to another page of this application, or null:
 * modified clicks and other targets (new tab or window), downloads, other
 * origins (beforeunload covers them) and links within this page (section
 * anchors) leave nothing behind.
 */
export function inAppLeavingLink(e: MouseEvent, here: URL): HTMLAnchorElement | null {
  if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return null;
  const link = e.target instanceof Element ? e.target.closest("a[href]") : null;
  if (!(link instanceof HTMLAnchorElement)) return null;
  if ((link.target !== "" && link.target !== "_self") || link.hasAttribute("download")) return null;
  const to = new URL(link.href, here);
  if (to.origin !== here.origin) return null;
  if (to.pathname === here.pathname && to.search === here.search) return null;
  return link;
}

export function LeaveGuard({ store }: { store: SaveStateStore }) {
  const t = useTranslations("caseForm.leave");
  useEffect(() => {
    const onClick = (e: MouseEvent) => {
      const { status, conflicts } = store.get();
      const state = unsavedState(status, conflicts);
      if (state === null || !inAppLeavingLink(e, new URL(window.location.href))) return;
      if (!window.confirm(t("confirm", { state }))) e.preventDefault();
    };
    window.addEventListener("click", onClick, true);
    return () => window.removeEventListener("click", onClick, true);
  }, [store, t]);
  return null;
}
