import { expect, test } from '@playwright/test';
import { readNumber } from './helpers';

test.describe('#/lab/reps: the representations panel', () => {
  test('every section renders, numbers respond to the group element, Schur agrees, bad input is explained', async ({ page }) => {
    // Console errors and page errors. The browser's own request for /favicon.ico (the build ships none) is not the
    // panel's doing, so that one 404 is left out; everything else counts.
    const errors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.location().url.endsWith('/favicon.ico')) errors.push(`${m.text()} (${m.location().url})`);
    });
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto('index.html#/lab/reps');
    await expect(page.getByRole('heading', { name: 'Representations', level: 2 })).toBeVisible();

    // Each of the seven sections renders with its heading and its main figure or numbers.
    for (const title of [
      /1\. Defining representation/,
      /2\. Regular representation/,
      /3\. Scalar fields and vector fields/,
      /4\. Irreducible representations/,
      /5\. Tensor products/,
      /6\. Schur's lemma/,
      /7\. Group convolution/,
    ]) {
      await expect(page.getByRole('heading', { name: title })).toBeVisible();
    }
    await expect(page.getByTestId('defining-matrix')).toBeVisible();
    await expect(page.getByTestId('regular-matrix')).toBeVisible();
    await expect(page.getByTestId('scalar-field')).toBeVisible();
    await expect(page.getByTestId('character-table')).toBeVisible();
    await expect(page.getByTestId('cg-heatmap')).toBeVisible();
    await expect(page.getByTestId('intertwiner-dimension')).toBeVisible();
    await expect(page.getByTestId('gconv-errors')).toBeVisible();

    // Default: C_4, g = r. The defining matrix is R(90°) = [[0, −1], [1, 0]].
    const cells = page.getByTestId('defining-matrix').locator('td');
    const before = await cells.allTextContents();
    expect(before).toEqual(['0.0000', '−1.0000', '1.0000', '0.0000']);

    // Changing the group element changes the numbers shown: m = 2 is R(180°) = −I.
    const m = page.getByRole('slider', { name: 'Rotation power m' });
    await m.focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('group-element')).toContainText('r²');
    const after = await cells.allTextContents();
    expect(after).not.toEqual(before);
    expect(after).toEqual(['−1.0000', '0.0000', '0.0000', '−1.0000']);
    // The regular representation's permutation matrix moved with it: column e now has its 1 in row r².
    const regRows = page.getByTestId('regular-matrix').locator('tbody tr');
    await expect(regRows.nth(2).locator('td').first()).toHaveText('1');
    await expect(regRows.nth(1).locator('td').first()).toHaveText('0');

    // Irreps: regular of C_4 = trivial ⊕ sign ⊕ ψ₁, each once over ℝ; the real DFT block-diagonalises it.
    await expect(page.getByTestId('mult-ψ₁')).toHaveText('1');
    expect(await readNumber(page, 'dft-error')).toBeLessThan(1e-12);

    // Tensor products: D¹ ⊗ D^½ check is at rounding level.
    await expect(page.getByTestId('su2-decomposition')).toContainText('D^1/2 ⊕ D^3/2');
    expect(await readNumber(page, 'cg-error')).toBeLessThan(1e-10);

    // Intertwiners: default case (C_4 regular → regular) shows dimension = Schur's prediction = 4.
    const dim = await readNumber(page, 'intertwiner-dimension');
    const prediction = await readNumber(page, 'schur-prediction');
    expect(dim).toBe(prediction);
    expect(dim).toBe(4);
    await expect(page.getByTestId('intertwiner-verdict')).toContainText('they agree');

    // The complex-type case: ψ₁ → ψ₁ gives 2.
    await page.getByRole('button', { name: /complex-type case/ }).click();
    await expect(page.getByTestId('intertwiner-dimension')).toHaveAttribute('data-value', '2');
    await expect(page.getByTestId('schur-prediction')).toHaveAttribute('data-value', '2');

    // Group convolution: float32 equivariance error tiny, ordinary CNN's order 1.
    expect(await readNumber(page, 'gconv-error')).toBeLessThan(1e-5);
    expect(await readNumber(page, 'cnn-error')).toBeGreaterThan(0.1);
    const inputBefore = await page.getByTestId('gconv-input').locator('canvas').screenshot();
    const quarterTurn = page.getByRole('group', { name: 'Rotate input by' }).getByRole('radio', { name: '90°' });
    await quarterTurn.focus();
    await page.keyboard.press('ArrowRight'); // from 0° (checked) the arrow key moves to 90°
    await expect(quarterTurn).toBeChecked();
    const inputAfter = await page.getByTestId('gconv-input').locator('canvas').screenshot();
    expect(inputAfter.equals(inputBefore)).toBe(false);

    // Bad input gets a clear message, never a blank page.
    const j1 = page.getByRole('spinbutton', { name: 'j1' });
    await j1.fill('4');
    await expect(page.getByTestId('tensor-notice')).toContainText('above the supported limit 3');
    await expect(page.getByTestId('su2-decomposition')).toContainText('D^3 ⊗');

    const n = page.getByRole('spinbutton', { name: 'n', exact: true });
    await n.fill('0');
    await expect(page.getByRole('alert').filter({ hasText: 'n ≥ 1' })).toBeVisible();
    await n.fill('99');
    await expect(page.getByTestId('group-notice')).toContainText('too large');
    await expect(page.getByTestId('defining-matrix')).toBeVisible();

    // Incompatible representations: "sign" chosen in C_4, then n made odd.
    await n.fill('4');
    await page.getByRole('combobox', { name: 'ρ_out' }).selectOption('sign');
    await n.fill('5');
    await expect(page.getByTestId('intertwiner-notice')).toContainText('C_5 has no sign irrep');
    // Too large for the page: D_12 regular → regular.
    await page.getByRole('combobox', { name: 'Group', exact: true }).first().selectOption('dihedral');
    await n.fill('12');
    await page.getByRole('combobox', { name: 'ρ_in' }).selectOption('regular');
    await page.getByRole('combobox', { name: 'ρ_out' }).selectOption('regular');
    await expect(page.getByTestId('intertwiner-error')).toContainText('Too large');

    // SO(2) still shows every section, with notices where a finite group is needed.
    await page.getByRole('combobox', { name: 'Group', exact: true }).first().selectOption('so2');
    await expect(page.getByRole('slider', { name: 'Angle θ (degrees)' }).first()).toBeVisible();
    await expect(page.getByTestId('intertwiner-dimension')).toBeVisible();

    expect(errors).toEqual([]);
  });
});
