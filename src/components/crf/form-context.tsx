"use client";
import { createContext, useContext } from "react";
import type { RecordIssue } from "@/domain/crf/issues";
import type { Locale } from "@/i18n/locales";
import { usePathIssues, type IssueStore } from "./issue-store";

export interface CrfContextValue {
  readonly caseId: string;
  readonly locale: Locale;
  readonly today: string;
  readonly editable: boolean;
  readonly issues: IssueStore;
  /** Open queries by field path: the last message, shown on the field. */
  readonly queries: Readonly<Record<string, string>>;
}

export const CrfContext = createContext<CrfContextValue | null>(null);

export function useCrf(): CrfContextValue {
  const ctx = useContext(CrfContext);
  if (!ctx) throw new Error("useCrf outside CrfContext");
  return ctx;
}

export function useIssues(path: string): readonly RecordIssue[] {
  return usePathIssues(useCrf().issues, path);
}
