/**
 * Interactions that change the URL, driven as a person does: placing the orbit probe (two keys in one click),
 * rotating it from θ = 0 by its handle, picking a member, and a link with bad values.
 */
import { expect, test, type Page } from '@playwright/test';
import { collectErrors, toyFiguresSettled } from './helpers';

/** The hash's query parameters. */
async function hashParams(page: Page): Promise<URLSearchParams> {
  const hash = await page.evaluate(() => window.location.hash);
  return new URLSearchParams(hash.split('?')[1] ?? '');
}

/** Client point of the plane point (x, y) on a heatmap (view [−3, 3]², y up). */
async function planePoint(page: Page, testId: string, x: number, y: number): Promise<[number, number]> {
  const box = (await page.getByTestId(testId).locator('svg').first().boundingBox())!;
  return [box.x + ((x + 3) / 6) * box.width, box.y + ((3 - y) / 6) * box.height];
}

/** Wait for the step-0 snapshot: the figures above the map change height when it arrives, and the map moves. */
async function waitForFirstSnapshot(page: Page): Promise<void> {
  await expect(page.getByTestId('orbit-curve')).not.toHaveAttribute('data-mean-values', '', { timeout: 60_000 });
}

const probeReadout = /probe x = \((-?\d+\.\d+), (-?\d+\.\d+)\)/;

test('orbit lab: a click places the probe at the clicked point, with px and py both in the URL', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/orbit?E=8&width=8&steps=5');
  const readout = page.locator('.readout', { hasText: 'probe x =' });
  await expect(readout).toContainText('probe x = (1.80, 1.20)');
  await waitForFirstSnapshot(page);

  const [cx, cy] = await planePoint(page, 'orbit-heatmap', -1.2, -1.8);
  await page.mouse.click(cx, cy);
  await expect(readout).not.toContainText('probe x = (1.80, 1.20)');
  const m = probeReadout.exec((await readout.textContent()) ?? '')!;
  // One screen pixel is 6/300 of the plane at most; the probe is rounded to 0.01.
  expect(Number(m[1])).toBeCloseTo(-1.2, 1);
  expect(Number(m[2])).toBeCloseTo(-1.8, 1);
  await expect.poll(async () => (await hashParams(page)).get('px')).not.toBeNull();
  const p = await hashParams(page);
  expect(Number(p.get('px'))).toBe(Number(m[1]));
  expect(Number(p.get('py'))).toBe(Number(m[2]));
  // The run settings in the link survived the write.
  expect([p.get('E'), p.get('width'), p.get('steps')]).toEqual(['8', '8', '5']);
  // A reload opens the same probe.
  await page.reload();
  await expect(readout).toContainText(`probe x = (${m[1]}, ${m[2]})`);
  expect(errors).toEqual([]);
});

test('orbit lab: the rotation handle drags from θ = 0, and the legend names the other members', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/orbit?E=8&width=8&steps=5');
  const angle = page.locator('.readout', { hasText: 'at θ =' });
  await expect(angle).toContainText('at θ = 0°');
  await waitForFirstSnapshot(page);

  // At θ = 0 the handle sits on the probe (1.8, 1.2); drag it a quarter turn round the orbit.
  const r = Math.hypot(1.8, 1.2);
  const t0 = Math.atan2(1.2, 1.8);
  const start = await planePoint(page, 'orbit-heatmap', 1.8, 1.2);
  await page.mouse.move(...start);
  await page.mouse.down();
  for (let k = 1; k <= 10; k++) {
    const t = t0 + (k / 10) * (Math.PI / 2);
    await page.mouse.move(...(await planePoint(page, 'orbit-heatmap', r * Math.cos(t), r * Math.sin(t))));
  }
  await page.mouse.up();
  // A quarter turn, to within the few degrees one screen pixel makes at |x| = 2.16.
  await expect(angle).toContainText(/at θ = (8[5-9]|9[0-5])°/);
  const deg = Number(/at θ = (\d+)°/.exec((await angle.textContent()) ?? '')![1]);
  await expect(page.getByRole('slider', { name: 'Rotation θ (degrees)' })).toHaveAttribute('aria-valuetext', `${deg} degrees`);
  // Dragging the handle rotates; it does not move the probe.
  await expect(page.locator('.readout', { hasText: 'probe x =' })).toContainText('probe x = (1.80, 1.20)');
  expect((await hashParams(page)).get('px')).toBeNull();

  // The orbit chart's legend: one entry for the 7 faint lines, none called "member 1".
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 100_000 });
  const legend = page.getByTestId('orbit-curve').locator('li');
  await expect(legend).toHaveText([/^\s*other members \(7\)$/, /^\s*member 0$/, /^\s*ensemble mean$/, /^\s*the 8 angles of C8, 2πm\/8$/]);
  expect(errors).toEqual([]);
});

test('toy lab: picking member 17 changes the table row that names the member, and its number', async ({ page }) => {
  test.setTimeout(150_000);
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/toy?E=24&width=16&steps=40');
  await page.getByRole('button', { name: 'Play' }).click();
  await expect(page.getByTestId('run-status')).toHaveText('done', { timeout: 120_000 });
  const row = page.getByRole('row').filter({ has: page.getByTestId('rstd-selected-off') });
  await expect(row.getByRole('rowheader')).toHaveText('member 0 (augmented)');
  await toyFiguresSettled(page);
  const before = Number(await page.getByTestId('rstd-selected-off').getAttribute('data-value'));
  expect(before).toBeGreaterThan(0);

  const picker = page.getByRole('spinbutton', { name: 'Selected member' });
  await picker.fill('17');
  await expect(row.getByRole('rowheader')).toHaveText('member 17 (augmented)');
  await expect.poll(async () => Number(await page.getByTestId('rstd-selected-off').getAttribute('data-value'))).not.toBe(before);
  const after = Number(await page.getByTestId('rstd-selected-off').getAttribute('data-value'));
  expect(after).toBeGreaterThan(0);
  expect((await hashParams(page)).get('member')).toBe('17');
  // Every other place that names the shown member follows.
  await expect(page.getByRole('heading', { name: 'Orbit deviation of member 17' })).toBeVisible();
  expect(errors).toEqual([]);
});

test('a link with group=banana and E=5000: notices in the controls’ words, C8 and E = 1024 used', async ({ page }) => {
  await page.goto('index.html#/lab/toy?group=banana&E=5000&steps=0');
  const notice = page.getByTestId('clamp-notice');
  await expect(notice).toContainText('unknown group “banana”; using C8');
  await expect(notice).toContainText('E 5000 is above 1024; using 1024');
  await expect(notice).not.toContainText('ensembleSize');
  await expect(page.getByRole('combobox', { name: 'Augmentation group' })).toHaveValue('C8');
  await expect(page.getByRole('spinbutton', { name: 'Ensemble size E' })).toHaveValue('1024');
});

test('reps, loops, images and vector labs: a link opens the settings it names, and a change is written back', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  const param = async (k: string) => (await hashParams(page)).get(k);

  // Representations: group family, n, element.
  await page.goto('index.html#/lab/reps?family=dihedral&n=6&m=2&s=1');
  const controls = page.getByRole('group', { name: 'Group and element' });
  await expect(controls.getByRole('combobox', { name: 'Group' })).toHaveValue('dihedral');
  await expect(controls.getByRole('spinbutton', { name: 'n' })).toHaveValue('6');
  await expect(controls.getByRole('slider', { name: 'Rotation power m' })).toHaveValue('2');
  await controls.getByRole('spinbutton', { name: 'n' }).fill('5');
  await expect.poll(() => param('n')).toBe('5');
  expect([await param('family'), await param('m'), await param('s')]).toEqual(['dihedral', '2', '1']);
  await page.reload();
  await expect(controls.getByRole('spinbutton', { name: 'n' })).toHaveValue('5');

  // Loops: gauge group, L and β; a bad L is clamped and said in the shell's notice.
  await page.goto('index.html#/lab/loops?group=U1&L=8&beta=1.5');
  const lattice = page.getByRole('group', { name: 'Lattice settings' });
  await expect(lattice.getByRole('combobox', { name: 'Gauge group' })).toHaveValue('U1');
  await expect(lattice.getByRole('spinbutton', { name: 'Lattice size L' })).toHaveValue('8');
  await expect(lattice.getByRole('spinbutton', { name: 'β', exact: true })).toHaveValue('1.5');
  await lattice.getByRole('spinbutton', { name: 'Lattice size L' }).fill('10');
  await expect.poll(() => param('L')).toBe('10');
  expect([await param('group'), await param('beta')]).toEqual(['U1', '1.5']);
  await page.goto('index.html#/lab/loops?L=999&E=5');
  await expect(page.getByTestId('url-notice')).toContainText('L 999 is above 64; using 64');
  await expect(page.getByTestId('url-notice')).toContainText('unknown parameter “E” ignored');
  await expect(lattice.getByRole('spinbutton', { name: 'Lattice size L' })).toHaveValue('64');

  // Images: group and seed (the seed was not in the URL before).
  await page.goto('index.html#/lab/images?group=C8&seed=3');
  await expect(page.getByRole('combobox', { name: 'Rotation group' })).toHaveValue('8');
  await expect(page.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('3');
  await page.getByRole('spinbutton', { name: 'Seed' }).fill('7');
  await expect.poll(() => param('seed')).toBe('7');
  expect(await param('group')).toBe('C8');
  await page.reload();
  await expect(page.getByRole('spinbutton', { name: 'Seed' })).toHaveValue('7');

  // Vector: the tab and each lab's own settings; E of the plane lab survives a cross-product change.
  await page.goto('index.html#/lab/vector?E=8&steps=100');
  await page.getByRole('tab', { name: '3D cross product' }).click();
  await expect.poll(() => param('tab')).toBe('cross');
  await page.getByRole('tabpanel').getByRole('combobox', { name: 'Ensemble size E' }).selectOption('8');
  await expect.poll(() => param('xE')).toBe('8');
  expect([await param('E'), await param('steps')]).toEqual(['8', '100']);
  await page.getByRole('tab', { name: 'Vector fields' }).click();
  await expect(page.getByRole('tabpanel').getByRole('combobox', { name: 'Ensemble size E' })).toHaveValue('8');
  expect(errors.filter((e) => !/Failed to load resource/.test(e))).toEqual([]);
});

test('a checkbox kept in the URL shows its new state as soon as it is clicked, not a task later', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('index.html#/lab/vector?tab=plane&E=8&width=16&steps=200&group=8&rep=defining');
  const box = page.getByTestId('wrong-rep');
  await expect(box).not.toBeChecked();
  // Click and read `checked` in one page task: before the app told its routes about its own hash writes at once,
  // React put the controlled box back to unchecked until `hashchange` came (CI saw Playwright's check() fail so).
  const states = await page.evaluate(() => {
    const el = document.querySelector<HTMLInputElement>('[data-testid="wrong-rep"]')!;
    el.click();
    const on = el.checked;
    el.click();
    return [on, el.checked, window.location.hash.includes('wrong=1')];
  });
  expect(states).toEqual([true, false, false]);
  await box.check();
  await expect(box).toBeChecked();
  expect((await hashParams(page)).get('wrong')).toBe('1');
  expect(errors).toEqual([]);
});
