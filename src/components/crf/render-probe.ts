"use client";
// Counts renders per component when a test or benchmark asks for it (it sets
// window.__ecrfRenders = {} before the page loads); otherwise does nothing.
// This is how "typing in one field re-renders that field, not the form" is measured.

declare global {
  interface Window {
    __ecrfRenders?: Record<string, number>;
  }
}

export function countRender(name: string): void {
  if (typeof window === "undefined" || !window.__ecrfRenders) return;
  window.__ecrfRenders[name] = (window.__ecrfRenders[name] ?? 0) + 1;
}
