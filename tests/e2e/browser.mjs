// Shared set-up for the browser tests: launches Debian's Chromium headless through
// playwright-core and knows the server under test (KITUO_E2E_URL, set by ops/test).
// Screenshots go to tests/e2e/out/ so a person can look at them.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const baseUrl = process.env.KITUO_E2E_URL ?? 'http://127.0.0.1:18181';
export const outDir = join(dirname(fileURLToPath(import.meta.url)), 'out');
mkdirSync(outDir, { recursive: true });

export async function launch() {
  return chromium.launch({
    executablePath: process.env.KITUO_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export function shot(name) {
  return join(outDir, `${name}.png`);
}

// A fresh browser context (no JavaScript, 5 s timeouts) signed in as `username` through the
// real form with the demo password ops/test generated (KITUO_E2E_PASSWORD).
export async function signIn(browser, username, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport });
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', process.env.KITUO_E2E_PASSWORD);
  await page.click('main button[type=submit]');
  if (new URL(page.url()).pathname !== '/') throw new Error(`sign-in as ${username} did not reach the dashboard`);
  return { context, page };
}
