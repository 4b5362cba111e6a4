// The web shell as a person sees it, without JavaScript: the sign-in page, a dashboard after
// signing in as `hr`, signing out, the error page, and the print stylesheet.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, snap } from './browser.mjs';

const password = process.env.KITUO_E2E_PASSWORD;
let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('the sign-in page renders with the stylesheet applied', async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  const res = await page.goto(`${baseUrl}/`);
  assert.equal(res.status(), 200);
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.equal(await page.title(), 'Sign in · Kituo');
  const headerBg = await page.$eval('.site-header', (el) => getComputedStyle(el).backgroundColor);
  assert.equal(headerBg, 'rgb(11, 79, 138)');
  await snap(page, { path: shot('login'), fullPage: true });
  await page.close();
});

test('hr signs in, sees the dashboard, and signs out', async () => {
  assert.ok(password, 'KITUO_E2E_PASSWORD is set by ops/test');
  const context = await browser.newContext({ javaScriptEnabled: false });
  context.setDefaultTimeout(5000);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', 'hr');
  await page.fill('#password', password);
  await page.click('main button[type=submit]');
  assert.equal(new URL(page.url()).pathname, '/');
  assert.match(await page.textContent('h1'), /Karibu, Peter Otieno/);
  assert.match(await page.textContent('.lead'), /HR officer · Kilimani Police Station/);
  await snap(page, { path: shot('dashboard-hr'), fullPage: true });

  const cookies = await context.cookies();
  const session = cookies.find((c) => c.name === 'kituo_session');
  assert.ok(session?.httpOnly, 'the session cookie is HttpOnly');
  assert.equal(session.sameSite, 'Strict');

  await page.click('text=Sign out');
  assert.equal(new URL(page.url()).pathname, '/login');
  assert.match(await page.textContent('.flash'), /signed out/);
  await snap(page, { path: shot('signed-out'), fullPage: true });
  await page.goto(`${baseUrl}/`);
  assert.equal(new URL(page.url()).pathname, '/login', 'the old session no longer works');
  await context.close();
});

test('a wrong password keeps the username and says so', async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  await page.goto(`${baseUrl}/login`);
  await page.fill('#username', 'ocs');
  await page.fill('#password', 'not the right password');
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('.form-errors'), /username or password is wrong/);
  assert.equal(await page.inputValue('#username'), 'ocs');
  await snap(page, { path: shot('login-failed') });
  await page.close();
});

test('an unknown address shows the 404 page with a request id', async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  const res = await page.goto(`${baseUrl}/no/such/page`);
  assert.equal(res.status(), 404);
  assert.equal(await page.textContent('h1'), 'Not found');
  assert.match(await page.textContent('.error-page'), /Request id: [0-9a-f]{16}/);
  await page.close();
});

test('printing hides the navigation (A4 print stylesheet)', async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  await page.goto(`${baseUrl}/login`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.$eval('.site-header', (el) => getComputedStyle(el).display), 'none');
  await page.close();
});
