// Shared set-up for the browser tests: launches Debian's Chromium headless through
// playwright-core and knows the server under test (KITUO_E2E_URL, set by ops/test).
// Screenshots go to tests/e2e/out/ so a person can look at them.
import { chromium } from 'playwright-core';
import { createHmac } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
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

// A screenshot for a person to look at later. Headless Chromium now and then answers
// "Unable to capture screenshot" while a new context paints its first frame; the picture is
// evidence, not an assertion, so it is retried and, if it still fails, reported and skipped.
export async function snap(page, options) {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await page.screenshot(options);
    } catch (error) {
      if (attempt >= 3) {
        console.warn(`screenshot ${options.path} not taken: ${error.message.split('\n')[0]}`);
        return undefined;
      }
      await new Promise((resolve) => setTimeout(resolve, 250 * attempt));
    }
  }
}

// RFC 4648 base32 to bytes (upper or lower case; spaces and '=' ignored).
function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const c of text.toUpperCase().replace(/[\s=]/g, '')) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error('not base32');
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The RFC 6238 code (HMAC-SHA-1, 6 digits) of `secret` (base32) for time step `step`.
export function totp(secret, step) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[19] & 0x0f;
  const binary = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(binary).padStart(6, '0');
}

// The server accepts each account's time step once, and test files run in separate
// processes: the last step used per account is kept in out/totp-steps.json, and the helper
// waits for the next step when the window (one step ahead) is used up.
const stepsFile = join(outDir, 'totp-steps.json');
function readSteps() {
  try { return JSON.parse(readFileSync(stepsFile, 'utf8')); } catch { return {}; }
}
async function nextCode(username) {
  const secret = process.env.KITUO_E2E_TOTP_SECRET;
  if (!secret) throw new Error('KITUO_E2E_TOTP_SECRET is not set (ops/test sets it)');
  for (;;) {
    const now = Math.floor(Date.now() / 1000 / 30);
    const steps = readSteps();
    const step = Math.max(now, (steps[username] ?? 0) + 1);
    if (step <= now + 1) {
      steps[username] = step;
      writeFileSync(stepsFile, JSON.stringify(steps));
      return totp(secret, step);
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}

// A fresh browser context (no JavaScript, 5 s timeouts) signed in as `username` through the
// real form with the demo password ops/test generated (KITUO_E2E_PASSWORD), and, for the
// accounts with a second factor, the code from KITUO_E2E_TOTP_SECRET at /login/two-factor.
export async function signIn(browser, username, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport });
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', process.env.KITUO_E2E_PASSWORD);
  await page.click('main button[type=submit]');
  // A code refused as already used (another process took that step) is retried once with
  // the next step.
  for (let tries = 0; tries < 2 && new URL(page.url()).pathname === '/login/two-factor'; ++tries) {
    await page.fill('#code', await nextCode(username));
    await page.click('main button[type=submit]');
  }
  if (new URL(page.url()).pathname !== '/') throw new Error(`sign-in as ${username} did not reach the dashboard`);
  return { context, page };
}

// Runs axe-core on the page `page` shows now (same cookies, same address) and returns the
// serious and critical violations as readable lines. The pages under test run without
// JavaScript, so axe runs in a second, script-enabled context that ignores the page's CSP only
// to load axe itself.
export async function axeViolations(page) {
  const browser = page.context().browser();
  const state = await page.context().storageState();
  const viewport = page.viewportSize();
  const context = await browser.newContext({ storageState: state, bypassCSP: true, viewport });
  try {
    const probe = await context.newPage();
    await probe.goto(page.url());
    await probe.addScriptTag({ path: join(dirname(fileURLToPath(import.meta.url)), 'node_modules/axe-core/axe.min.js') });
    const results = await probe.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
    return results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
  } finally {
    await context.close();
  }
}

// An admin creates an account with `role` through /admin/users/new; returns its username and
// the one-time password the admin is shown.
export async function createAccount(browser, role, displayName, prefix) {
  const admin = await signIn(browser, 'admin');
  try {
    await admin.page.goto(`${baseUrl}/admin/users/new`);
    const username = `${prefix}${Date.now() % 100000}`;
    await admin.page.fill('#username', username);
    await admin.page.fill('#display_name', displayName);
    await admin.page.selectOption('#role', role);
    await admin.page.click('main button[type=submit]');
    const oneTime = (await admin.page.textContent('.secret code')).trim();
    return { username, oneTime };
  } finally {
    await admin.context.close();
  }
}

// The first sign-in with a one-time password: signs in, chooses `password` at
// /account/password and returns the page where the server takes it next.
export async function firstSignIn(browser, username, oneTime, password, viewport = { width: 390, height: 844 }) {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport });
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', username);
  await page.fill('#password', oneTime);
  await page.click('main button[type=submit]');
  if (new URL(page.url()).pathname !== '/account/password') throw new Error('the one-time password did not lead to /account/password');
  await page.fill('#current_password', oneTime);
  await page.fill('#new_password', password);
  await page.fill('#confirm_password', password);
  await page.click('main button[type=submit]');
  return { context, page };
}
