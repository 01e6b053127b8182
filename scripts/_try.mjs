import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new','--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic', ...(process.env.GPU ? ['--enable-unsafe-webgpu'] : [])] });
const page = await browser.newPage();
page.on('console', (m) => console.log('console', m.type(), m.text().slice(0, 300)));
page.on('pageerror', (e) => console.log('pageerror', e));
await page.goto('http://127.0.0.1:4199/index.html#/lab/toy' + (process.env.Q ?? ''));
await page.waitForTimeout(4000);
console.log(await page.getByRole('status', { name: 'Compute backend' }).textContent());
const t0 = Date.now();
await page.getByRole('button', { name: 'Play' }).click();
for (let i = 0; i < 200; i++) {
  await page.waitForTimeout(2000);
  const st = await page.getByTestId('run-status').textContent();
  const step = await page.getByTestId('step-counter').textContent();
  console.log(((Date.now() - t0) / 1000).toFixed(1), st, step, await page.getByTestId('steps-per-second').textContent());
  if (st === 'done' || st === 'error') break;
}
for (const id of ['rstd-mean-off', 'rstd-member-off', 'rstd-noaug-off', 'ratio-off']) console.log(id, await page.getByTestId(id).getAttribute('data-value'));
await page.screenshot({ path: '/tmp/toy.png', fullPage: true });
await browser.close();
