// One external store for everything the form derives outside React state (save
// state, record issues, live results): written by plain code, read by the few
// components that show it, through useSyncExternalStore. Only readers whose
// selected slice changed re-render; the form itself never does.
import { useSyncExternalStore } from "react";

export interface Store<T> {
  readonly get: () => T;
  /** Replaces the value (or derives it from the current one); listeners hear of it only when it is a new value. */
  readonly set: (next: T | ((current: T) => T)) => void;
  readonly subscribe: (listener: () => void) => () => void;
}

export function createStore<T>(initial: T): Store<T> {
  let value = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (next) => {
      const v = typeof next === "function" ? (next as (current: T) => T)(value) : next;
      if (Object.is(v, value)) return;
      value = v;
      // A copy: a listener that unsubscribes (a reader unmounting) does not skip the next one.
      for (const l of [...listeners]) l();
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

/**
 * The part of the store a component shows. `select` must return a value that
 * stays the same (`Object.is`) while that part does not change — a field of
 * the value, not a new object — or the component re-renders on every write.
 */
export function useStore<T, S>(store: Store<T>, select: (value: T) => S): S {
  const get = () => select(store.get());
  return useSyncExternalStore(store.subscribe, get, get);
}
