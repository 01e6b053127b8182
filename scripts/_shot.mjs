import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new','--no-sandbox','--disable-background-networking','--disable-component-update','--disable-sync','--no-first-run','--disable-quic'] });
const page = await browser.newPage({ viewport: { width: 1300, height: 1000 } });
page.on('pageerror', (e) => console.log('pageerror', e));
await page.goto('http://127.0.0.1:4199/index.html#' + process.argv[2]);
await page.waitForTimeout(2000);
if (process.argv[3]) { await page.getByRole('button', { name: 'Play' }).click(); await page.getByTestId('run-status').getByText('done').waitFor({ timeout: 120000 }); }
await page.screenshot({ path: process.argv[4] ?? '/tmp/shot.png', fullPage: true });
await browser.close();
