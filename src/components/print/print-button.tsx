"use client";
// The browser's print dialog (print, or "Save as PDF").
export function PrintButton({ label }: { label: string }) {
  return (
    <button type="button" className="button" onClick={() => window.print()} data-testid="print-button">
      {label}
    </button>
  );
}
