"use client";
import { useEffect, useRef } from "react";
import { useFormContext } from "react-hook-form";
import type { CaseAnswers } from "@/domain/crf/answers";
import { recordLevelIssues } from "@/domain/crf/check-record";
import { completeness, type SectionCompleteness } from "@/domain/crf/completeness";
import { computeResults, type ComputedResults } from "@/domain/crf/computed";
import { applyConditions } from "@/domain/crf/visibility";
import { useCrf } from "./form-context";
import { formToAnswers, type FormValues } from "./form-model";
import { indexIssues } from "./issue-store";
import { createStore, useStore, type Store } from "./store";

export interface LiveSnapshot {
  readonly answers: CaseAnswers;
  readonly computed: ComputedResults;
  readonly completeness: readonly SectionCompleteness[];
  /** The last computation failed: what is shown is from before it (the panel says so). */
  readonly stale?: boolean;
}

/** The record as currently typed, derived once per pause in typing for every reader. */
export type LiveStore = Store<LiveSnapshot>;

export const createLiveStore = (initial: LiveSnapshot): LiveStore => createStore(initial);

export function snapshotOf(answers: CaseAnswers, birthDate: string): LiveSnapshot {
  const visible = applyConditions(answers);
  return { answers: visible, computed: computeResults(visible, birthDate), completeness: completeness(visible) };
}

/**
 * Subscribes to every change without re-rendering anything itself; after a
 * short pause, recomputes scores, completeness and record issues and hands
 * them to the stores the panels read.
 */
export function LiveRecord({
  store,
  birthDate,
  delayMs = 150,
}: {
  store: LiveStore;
  birthDate: string;
  delayMs?: number;
}) {
  const { watch, getValues } = useFormContext<FormValues>();
  const { issues, today } = useCrf();
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => {
    const refresh = () => {
      try {
        const snap = snapshotOf(formToAnswers(getValues()), birthDate);
        store.set(snap);
        // Each field checks itself as it is typed; the store carries what needs several answers.
        const found = recordLevelIssues(snap.answers, { today, birthDate });
        issues.set((index) => indexIssues(index, found));
      } catch (error) {
        // Never frozen in silence: the last results stay, marked out of date, and saving goes on.
        console.error("Computing the live results failed", error);
        store.set({ ...store.get(), stale: true });
      }
    };
    refresh();
    const sub = watch(() => {
      clearTimeout(timer.current);
      timer.current = setTimeout(refresh, delayMs);
    });
    return () => {
      sub.unsubscribe();
      clearTimeout(timer.current);
    };
  }, [watch, getValues, store, issues, today, birthDate, delayMs]);
  return null;
}

export function useLive(store: LiveStore): LiveSnapshot {
  return useStore(store, (snapshot) => snapshot);
}
