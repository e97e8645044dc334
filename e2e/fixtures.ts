// The one `test` every journey imports: a page that throws (an uncaught
// exception, an unhandled rejection) or logs a console error fails the test
// that saw it, whatever the test itself checks. A crash like "cannot read
// properties of null" in the form can therefore never pass CI again.
import { expect, test as base, type ConsoleMessage, type Page } from "@playwright/test";

/** Console errors that are expected answers, not page faults (a refused request the test provokes). */
const EXPECTED_CONSOLE = [
  // The browser logs every 4xx/5xx response of a fetch; journeys provoke refusals on purpose
  // and assert them. A crash still shows up as a page error.
  /Failed to load resource: the server responded with a status of (4\d\d)/,
  // A request the journey cuts on purpose (offline, server stopped); the page's own handling is asserted.
  /Failed to load resource: net::ERR_(FAILED|CONNECTION_REFUSED|INTERNET_DISCONNECTED|ABORTED)/,
];

export interface PageFaults {
  /** Lets a journey accept a console error it provokes on purpose (matched against the text). */
  allowConsole(pattern: RegExp): void;
}

function watch(page: Page, faults: string[], allowed: RegExp[]): void {
  page.on("pageerror", (error) => faults.push(`page error on ${page.url()}: ${error.stack ?? error.message}`));
  page.on("console", (message: ConsoleMessage) => {
    if (message.type() !== "error") return;
    const text = message.text();
    if ([...EXPECTED_CONSOLE, ...allowed].some((re) => re.test(text))) return;
    faults.push(`console error on ${page.url()}: ${text}`);
  });
}

export const test = base.extend<{ pageFaults: PageFaults }>({
  pageFaults: [
    async ({ context }, use, testInfo) => {
      const faults: string[] = [];
      const allowed: RegExp[] = [];
      for (const page of context.pages()) watch(page, faults, allowed);
      context.on("page", (page) => watch(page, faults, allowed));
      // Contexts a journey opens itself (a second user) are watched too.
      const browser = context.browser();
      const onContext = (other: typeof context) => other.on("page", (page) => watch(page, faults, allowed));
      const original = browser?.newContext.bind(browser);
      if (browser && original) {
        browser.newContext = async (...args) => {
          const created = await original(...args);
          onContext(created);
          return created;
        };
      }
      await use({ allowConsole: (pattern) => allowed.push(pattern) });
      if (browser && original) browser.newContext = original;
      if (faults.length && testInfo.status === "passed") {
        throw new Error(`The page reported ${faults.length} error(s):\n${faults.join("\n")}`);
      }
    },
    { auto: true },
  ],
});

export { expect };
export type { Browser, Locator, Page, Request, APIResponse, Dialog } from "@playwright/test";
