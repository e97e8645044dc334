"use client";
import { useCallback, useEffect, useRef } from "react";

/**
 * Checks a field when it is left, then on every change — but never while a
 * pointer button is down. Leaving a field by clicking the next control would
 * otherwise show (or remove) a message between the press and the release: the
 * layout moves, the control is no longer under the pointer, and the click is
 * lost. The check waits for the release; the click lands where it was aimed.
 */
export function useSteadyValidation<Name extends string>(trigger: (name: Name) => unknown) {
  const down = useRef(false);
  const queued = useRef(new Set<Name>());
  const touched = useRef(new Set<Name>());
  const run = useCallback((name: Name) => void trigger(name), [trigger]);

  useEffect(() => {
    const press = () => {
      down.current = true;
    };
    const release = () =>
      // After the click that follows the release has been dispatched.
      setTimeout(() => {
        down.current = false;
        const names = [...queued.current];
        queued.current.clear();
        for (const name of names) run(name);
      }, 0);
    window.addEventListener("pointerdown", press, true);
    window.addEventListener("pointerup", release, true);
    window.addEventListener("pointercancel", release, true);
    return () => {
      window.removeEventListener("pointerdown", press, true);
      window.removeEventListener("pointerup", release, true);
      window.removeEventListener("pointercancel", release, true);
    };
  }, [run]);

  const check = useCallback(
    (name: Name) => {
      if (down.current) queued.current.add(name);
      else run(name);
    },
    [run],
  );
  return {
    onBlur: (name: Name) => {
      touched.current.add(name);
      check(name);
    },
    onChange: (name: Name) => {
      if (touched.current.has(name)) check(name);
    },
  };
}
