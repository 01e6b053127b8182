import { expect, type Page } from '@playwright/test';

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
  await toyFiguresSettled(page);
  const v = await page.getByTestId(testId).getAttribute('data-value');
  return Number(v);
}

/**
 * On the toy lab, wait until its figures, curves and tables show the frame the timeline has selected: they render
 * one step behind the timeline, in an interruptible render (ToyPanel's useDeferredValue), so a number read the moment
 * the timeline's label changes could still belong to the previous frame. Elsewhere returns at once.
 */
export async function toyFiguresSettled(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const figures = document.querySelector('[data-testid="toy-figures"]');
        if (!figures) return true;
        return figures.getAttribute('data-step') === document.querySelector('[data-testid="timeline-label"]')?.getAttribute('data-value');
      }),
    )
    .toBe(true);
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

/**
 * Start recording every text the elements matching `selector` show, from now on: a MutationObserver on the whole
 * document pushes each new text as it is rendered, so a line on screen for less than one of Playwright's polls is
 * still seen. Read the record with {@link recordedTexts}.
 */
export function recordTexts(page: Page, selector: string): Promise<void> {
  return page.evaluate((sel) => {
    const w = window as unknown as { __texts: Record<string, string[]> };
    w.__texts ??= {};
    const seen: string[] = (w.__texts[sel] = []);
    const take = () => {
      for (const el of document.querySelectorAll(sel)) {
        const t = el.textContent ?? '';
        if (seen[seen.length - 1] !== t) seen.push(t);
      }
    };
    new MutationObserver(take).observe(document.body, { subtree: true, childList: true, characterData: true });
    take();
  }, selector);
}

/** The texts recorded for `selector` since {@link recordTexts}, in the order they were shown. */
export function recordedTexts(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((sel) => (window as unknown as { __texts: Record<string, string[]> }).__texts[sel], selector);
}

/**
 * Terminate the worker behind `symlabFaults[fault]` the moment the element matching `selector` first shows a text
 * matching `pattern`: the page itself watches (a MutationObserver), so the fault lands during the phase that line
 * names even when that phase is shorter than one of Playwright's polls. Call before the click that starts the work;
 * resolves to the line at which the worker was terminated.
 */
export function terminateWhenShown(page: Page, selector: string, pattern: RegExp, fault: string): Promise<string> {
  return page.evaluate(
    ({ sel, source, flags, name }) =>
      new Promise<string>((resolve) => {
        const re = new RegExp(source, flags);
        const check = () => {
          const line = document.querySelector(sel)?.textContent ?? '';
          if (!re.test(line)) return;
          observer.disconnect();
          (window as unknown as FaultWindow).symlabFaults[name].terminateWorker();
          resolve(line);
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { subtree: true, childList: true, characterData: true });
      }),
    { sel: selector, source: pattern.source, flags: pattern.flags, name: fault },
  );
}
