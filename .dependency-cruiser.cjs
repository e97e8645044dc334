/**
 * The layer rules of docs/architecture.md, checked by dependency-cruiser (`npm run depcruise`,
 * part of `npm run check` and so of `npm test`). ADR 0017.
 * `process.env` in src/domain cannot be expressed here: tests/unit/layers.test.ts checks it.
 */

/*
 * Known violations, in areas other engineers were reworking when these rules came in (ADR 0017).
 * TODO(lead): fix each one (an `@/` import; break the cycle), delete its line, and delete a list once empty.
 */
/** Files still importing another top-level folder with a relative `../` path. */
const KNOWN_RELATIVE_IMPORTERS = ["^src/server/audit", "^scripts/audit-verify\\.ts$"];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "No import cycles: a cycle means two modules are one module, or a piece belongs in a third.",
      from: {},
      to: { circular: true },
    },
    {
      name: "domain-no-framework",
      severity: "error",
      comment: "src/domain is plain TypeScript: no Next.js, React, next-intl, next-auth or Prisma.",
      from: { path: "^src/domain/" },
      to: {
        path: [
          "^node_modules/(next|react|react-dom|next-intl|use-intl|next-auth|@prisma|prisma|server-only)/",
          "^src/generated/",
        ],
      },
    },
    {
      name: "domain-no-outer-layer",
      severity: "error",
      comment: "The domain is the inner layer: it never imports server, app, components or i18n code.",
      from: { path: "^src/domain/" },
      to: { path: "^src/(server|app|components|i18n|generated)/|^src/(proxy|instrumentation)\\.ts$" },
    },
    {
      name: "components-not-routes",
      severity: "error",
      comment: "Shared components never import from route folders (src/app): pass data or actions as props.",
      from: { path: "^src/components/" },
      to: { path: "^src/app/" },
    },
    {
      name: "components-not-db",
      severity: "error",
      comment: "Components never reach the database: pages load data through the data-access layer.",
      from: { path: "^src/components/" },
      to: { path: "^src/(server/db/|generated/)" },
    },
    {
      name: "i18n-not-server",
      severity: "error",
      comment: "src/i18n (messages, locales, the next-intl request config) does not import server code.",
      // Allowed: request.ts is next-intl's per-request entry point (server only, named in next.config.ts);
      // it reads the signed-in user's saved language. Everything else in i18n is also bundled for the browser.
      from: { path: "^src/i18n/", pathNot: "^src/i18n/request\\.ts$" },
      to: { path: "^src/server/" },
    },
    {
      name: "no-relative-across-folders",
      severity: "error",
      comment:
        "A relative import stays inside its own top-level folder (src/<layer>, tests, e2e, scripts); " +
        "anything under src/ is imported as @/… so that moving a file does not silently re-point it. " +
        "Only src/ has an alias: tests, e2e and scripts reach one another relatively (demo data, form plans).",
      from: { path: "^(src/[^/]+|tests|e2e|scripts)/", pathNot: ["^src/generated/", ...KNOWN_RELATIVE_IMPORTERS] },
      to: { dependencyTypes: ["local"], dependencyTypesNot: ["aliased"], pathNot: ["^$1/", "^(scripts|e2e|tests)/"] },
    },
    {
      name: "app-not-tests-or-scripts",
      severity: "error",
      comment: "The application never imports tests, journeys or scripts (they import it).",
      from: { path: "^src/" },
      to: { path: "^(tests|e2e|scripts)/" },
    },
    {
      name: "not-to-unresolvable",
      severity: "error",
      comment: "An import that does not resolve is a typo or a missing package.",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules"] },
    exclude: { path: ["^src/generated/", "^\\.next"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    combinedDependencies: false,
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      mainFields: ["module", "main", "types", "typings"],
    },
    skipAnalysisNotInRules: true,
  },
};
