"use client";
import { useEffect } from "react";
import { clearUnsentChanges } from "./crf/unsent-changes";

/**
 * On the sign-in page: whatever a previous session kept in this browser
 * (changes not yet sent) is removed, also when that session ended without the
 * sign-out button (expiry, closed laptop) — hospital PCs are shared.
 */
export function ClearBrowserState() {
  useEffect(() => clearUnsentChanges(), []);
  return null;
}
