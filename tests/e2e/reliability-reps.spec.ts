import { expect, test } from '@playwright/test';
import { collectErrors, type FaultWindow } from './helpers';

/** Faults in the representations panel's intertwiner worker: it is replaced and the current problem solved again. */
test('a terminated or crashed intertwiner worker is replaced; answers keep matching Schur', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/reps?faults=1');
  const dim = page.getByTestId('intertwiner-dimension');
  await expect(dim).toHaveAttribute('data-value', '4'); // C_4, regular → regular

  await page.evaluate(() => (window as unknown as FaultWindow).symlabFaults.reps.terminateWorker());
  const notice = page.getByTestId('reps-recovery');
  await expect(notice).toContainText('The intertwiner worker was terminated. Restarted it');
  await expect(dim).toHaveAttribute('data-value', '4');
  await page.getByRole('button', { name: /complex-type case/ }).click();
  await expect(dim).toHaveAttribute('data-value', '2');
  await expect(page.getByTestId('schur-prediction')).toHaveAttribute('data-value', '2');

  await page.evaluate(() => (window as unknown as FaultWindow).symlabFaults.reps.crashWorker());
  await expect(notice).toContainText('The intertwiner worker crashed');
  await page.getByRole('combobox', { name: 'Group', exact: true }).selectOption('dihedral');
  await expect(dim).toHaveAttribute('data-value', '1');
  await expect(page.getByTestId('schur-prediction')).toHaveAttribute('data-value', '1');
  expect(errors).toEqual([]);
});
