import { expect, test, type Page } from '@playwright/test';
import { collectPanelErrors, readNumber } from './helpers';

async function openPanel(page: Page): Promise<string[]> {
  const errors = collectPanelErrors(page);
  await page.goto('index.html#/lab/reps');
  await expect(page.getByRole('heading', { name: 'Representations', level: 2 })).toBeVisible();
  return errors;
}

test.describe('#/lab/reps: the representations panel', () => {
  test('every section renders, and the numbers follow the group element', async ({ page }) => {
    const errors = await openPanel(page);
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
    for (const id of ['defining-matrix', 'regular-matrix', 'scalar-field', 'character-table', 'cg-heatmap', 'intertwiner-dimension', 'gconv-errors']) {
      await expect(page.getByTestId(id)).toBeVisible();
    }
    // The maths in the prose is typeset by KaTeX, loaded on demand (issue 18 §5), with no parse errors: section 1's
    // sentence "ρ: G → ℝ^{2×2} … x ↦ ρ(g)x" holds exactly two formulas, and every section has some.
    const defining = page.locator('[aria-labelledby="reps-defining"] p').first();
    await expect(defining.locator('.katex')).toHaveCount(2);
    for (const section of ['defining', 'regular', 'fields', 'irreps', 'tensor', 'schur', 'gconv']) {
      expect(await page.locator(`[aria-labelledby="reps-${section}"] .katex`).count(), section).toBeGreaterThan(0);
    }
    expect(await page.locator('.katex-error').count()).toBe(0);

    // Default: C_4, g = r. The defining matrix is R(90°) = [[0, −1], [1, 0]].
    const cells = page.getByTestId('defining-matrix').locator('td');
    const before = await cells.allTextContents();
    expect(before).toEqual(['0.0000', '−1.0000', '1.0000', '0.0000']);

    // Changing the group element (keyboard on the slider) changes the numbers: m = 2 is R(180°) = −I.
    await page.getByRole('slider', { name: 'Rotation power m' }).focus();
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('group-element')).toContainText('r²');
    const after = await cells.allTextContents();
    expect(after).not.toEqual(before);
    expect(after).toEqual(['−1.0000', '0.0000', '0.0000', '−1.0000']);
    // The permutation matrix moved with it: column e has its 1 in row r².
    const regRows = page.getByTestId('regular-matrix').locator('tbody tr');
    await expect(regRows.nth(2).locator('td').first()).toHaveText('1');
    await expect(regRows.nth(1).locator('td').first()).toHaveText('0');

    // Irreps: ρ_reg of C_4 = trivial ⊕ sign ⊕ ψ₁, each once over ℝ; the real DFT block-diagonalises it.
    await expect(page.getByTestId('mult-ψ₁')).toHaveText('1');
    expect(await readNumber(page, 'dft-error')).toBeLessThan(1e-12);

    // Tensor products: D¹ ⊗ D^½ = D^½ ⊕ D^3/2, block check at rounding level.
    await expect(page.getByTestId('su2-decomposition')).toContainText('D^1/2 ⊕ D^3/2');
    expect(await readNumber(page, 'cg-error')).toBeLessThan(1e-10);
    await expect(page.getByTestId('cg-lookup')).toContainText('0.577350');
    await page.getByRole('combobox', { name: 'Tensor product of' }).selectOption('so2');
    await expect(page.getByTestId('so2-decomposition')).toContainText('ψ1 ⊗ ψ2 = ψ3 ⊕ ψ1');
    expect(await readNumber(page, 'so2-error')).toBeLessThan(1e-12);

    // Group convolution: float32 equivariance error tiny, ordinary CNN's order 1; rotating the input redraws it.
    expect(await readNumber(page, 'gconv-error')).toBeLessThan(1e-5);
    expect(await readNumber(page, 'cnn-error')).toBeGreaterThan(0.1);
    const inputBefore = await page.getByTestId('gconv-input').locator('canvas').screenshot();
    const rotations = page.getByRole('group', { name: 'Rotate input by' });
    await rotations.getByRole('radio', { name: '0°', exact: true }).focus();
    await page.keyboard.press('ArrowRight'); // keyboard: from 0° the arrow key selects 90°
    await expect(rotations.getByRole('radio', { name: '90°', exact: true })).toBeChecked();
    const inputAfter = await page.getByTestId('gconv-input').locator('canvas').screenshot();
    expect(inputAfter.equals(inputBefore)).toBe(false);

    expect(errors).toEqual([]);
  });

  test('the intertwiner section shows solved dimension = Schur prediction, and 2 for the complex-type case', async ({ page }) => {
    const errors = await openPanel(page);
    // Default: C_4, regular → regular: 1 + 1 + 2 = 4 (the group convolutions).
    await expect(page.getByTestId('intertwiner-dimension')).toHaveAttribute('data-value', '4');
    expect(await readNumber(page, 'schur-prediction')).toBe(await readNumber(page, 'intertwiner-dimension'));
    await expect(page.getByTestId('intertwiner-verdict')).toContainText('they agree');

    await page.getByRole('button', { name: /complex-type case/ }).click();
    await expect(page.getByTestId('intertwiner-dimension')).toHaveAttribute('data-value', '2');
    await expect(page.getByTestId('schur-prediction')).toHaveAttribute('data-value', '2');

    // The same ψ₁ → ψ₁ in D_4 is of real type: 1.
    await page.getByRole('combobox', { name: 'Group', exact: true }).selectOption('dihedral');
    await expect(page.getByTestId('intertwiner-dimension')).toHaveAttribute('data-value', '1');
    await expect(page.getByTestId('schur-prediction')).toHaveAttribute('data-value', '1');
    expect(errors).toEqual([]);
  });

  test('requests the panel cannot honour get a clear message, never a blank page', async ({ page }) => {
    const errors = await openPanel(page);
    // j above the limit: clamped to 3 and said so.
    await page.getByRole('spinbutton', { name: 'j1' }).fill('4');
    await expect(page.getByTestId('tensor-notice')).toContainText('above the supported limit 3');
    await expect(page.getByTestId('su2-decomposition')).toContainText('D^3 ⊗');
    expect(await readNumber(page, 'cg-error')).toBeLessThan(1e-10);

    // n = 0 and n too large.
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
    await expect(page.getByTestId('intertwiner-dimension')).toBeVisible();

    // Too large to solve here: D_12 regular → regular has 576 unknowns.
    await page.getByRole('combobox', { name: 'Group', exact: true }).selectOption('dihedral');
    await n.fill('12');
    await page.getByRole('combobox', { name: 'ρ_out' }).selectOption('regular');
    await expect(page.getByTestId('intertwiner-error')).toContainText('Too large');

    // SO(2): sections that need a finite group say so; the rest keep working.
    await page.getByRole('combobox', { name: 'Group', exact: true }).selectOption('so2');
    await expect(page.getByTestId('intertwiner-notice')).toContainText('infinite-dimensional');
    await expect(page.getByRole('status').filter({ hasText: 'no finite matrix' })).toBeVisible();
    await expect(page.getByTestId('defining-matrix')).toBeVisible();
    expect(errors).toEqual([]);
  });
});
