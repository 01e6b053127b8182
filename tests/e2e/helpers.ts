import type { Page } from '@playwright/test';

/** Collect console errors and uncaught page errors, for the "no console errors" assertions. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/**
 * Console and page errors, except the browser's own request for /favicon.ico (the build ships none): that one 404
 * is not the panel's doing; everything else counts.
 */
export function collectPanelErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${m.text()} (${m.location().url})`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  return errors;
}

/** Read a numeric data-value attribute from an element found by test id. */
export async function readNumber(page: Page, testId: string): Promise<number> {
  const v = await page.getByTestId(testId).getAttribute('data-value');
  return Number(v);
}

/** What `window.symlabFaults[name]` offers on pages opened with faults=1 (src/state/faultTargets.ts). */
export interface FaultHandle {
  loseDevice(): void;
  crashWorker(): void;
  terminateWorker(): void;
}

/** The fault handles of a page opened with faults=1, for page.evaluate callbacks: `faultsOf(window).lattice`. */
export type FaultWindow = { symlabFaults: Record<string, FaultHandle> };

/** Emulate the Page Visibility API: set document.hidden / visibilityState and fire visibilitychange. */
export function emulatePageHidden(page: Page, hidden: boolean): Promise<void> {
  return page.evaluate((h) => {
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => h });
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
    document.dispatchEvent(new Event('visibilitychange'));
  }, hidden);
}
