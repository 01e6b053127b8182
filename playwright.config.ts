import { defineConfig } from '@playwright/test';

// Debian's Chromium, never a downloaded browser. SYMLAB_CHROMIUM overrides the path.
export const CHROMIUM = process.env.SYMLAB_CHROMIUM ?? '/usr/bin/chromium';
export const BASE_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
const port = Number(process.env.SYMLAB_PORT ?? 4173);

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 180_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    launchOptions: { executablePath: CHROMIUM, args: BASE_ARGS },
    viewport: { width: 1280, height: 900 },
  },
  webServer: {
    command: `node scripts/serve-dist.mjs --port ${port}`,
    url: `http://127.0.0.1:${port}/index.html`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
