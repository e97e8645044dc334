// Runs once when a Next.js server starts. Next.js compiles this file for the Node.js and the edge
// runtimes and inlines NEXT_RUNTIME in each bundle: written as `=== "nodejs"` around the import, the
// edge bundle drops the import and never compiles the start-up checks (src/server/startup-checks.ts).
// NEXT_PHASE is set while `next build` loads the app: settings are a run-time matter. These two are
// the only direct reads of process.env outside src/server/env.ts.
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME === "nodejs" && process.env.NEXT_PHASE !== "phase-production-build") {
    const { checkServerAtStart } = await import("./server/startup-checks");
    checkServerAtStart(process.env);
  }
}
