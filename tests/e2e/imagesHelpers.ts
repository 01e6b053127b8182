import type { Page } from '@playwright/test';

/** Every number of the images lab's "latest run" table (accuracy and OSP, mean and member std, per route), as shown. */
export async function latestNumbers(page: Page): Promise<Record<string, string>> {
  return page.getByTestId('images-details').evaluate((table) => {
    const out: Record<string, string> = {};
    table.querySelectorAll('td[data-testid]').forEach((td) => {
      const id = td.getAttribute('data-testid')!;
      out[id] = td.getAttribute('data-value') ?? '';
      const std = td.getAttribute('data-std');
      if (std !== null) out[`${id}:std`] = std;
    });
    return out;
  });
}

/** The training step the images lab's phase line shows ("training: step 57 / 200"), NaN when none. */
export async function currentStep(page: Page): Promise<number> {
  const text = (await page.getByTestId('images-phase').textContent()) ?? '';
  return Number(/step (\d+) \//.exec(text)?.[1] ?? NaN);
}
