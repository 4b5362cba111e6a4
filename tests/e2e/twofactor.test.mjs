// The second factor as people meet it, without JavaScript: a new counsellor signs in with the
// one-time password, chooses a password, lands on enrolment, sees the QR code (drawn on the
// server, shown through the CSP as a data: image), confirms with a code computed from the key
// on the page, and gets the recovery codes once; then signs in again through
// /login/two-factor. Screenshots go to tests/e2e/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, totp, snap, createAccount, firstSignIn } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a new counsellor enrols a second factor and signs in with it', async () => {
  const { username, oneTime } = await createAccount(browser, 'counsellor', 'Halima Abdi', 'c.tfa');
  const mine = 'Mvua ya masika 2026 e2e';
  const { context, page } = await firstSignIn(browser, username, oneTime, mine);
  // Nothing but enrolment until the second factor is on.
  assert.equal(new URL(page.url()).pathname, '/account/two-factor');
  const qrLoaded = await page.$eval('img.qr', (img) => img.complete && img.naturalWidth > 0);
  assert.ok(qrLoaded, 'the QR code image is shown');
  await snap(page, { path: shot('two-factor-enrol'), fullPage: true });
  const key = (await page.textContent('#secret')).trim();
  await page.fill('#code', '000000');
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('.form-errors'), /There is a problem/);
  assert.equal((await page.textContent('#secret')).trim(), key);
  await page.fill('#code', totp(key, Math.floor(Date.now() / 30000)));
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('h1'), /recovery codes/);
  assert.equal((await page.$$('.recovery-codes li')).length, 10);
  await snap(page, { path: shot('two-factor-recovery-codes'), fullPage: true });
  await context.close();

  // Signing in again asks for the code; the same time step is not accepted twice, so the
  // next one is used.
  const again = await browser.newContext({ javaScriptEnabled: false });
  again.setDefaultTimeout(5000);
  const p2 = await again.newPage();
  await p2.goto(`${baseUrl}/login`);
  await p2.fill('#username', username);
  await p2.fill('#password', mine);
  await p2.click('main button[type=submit]');
  assert.equal(new URL(p2.url()).pathname, '/login/two-factor');
  await snap(p2, { path: shot('two-factor-login') });
  await p2.fill('#code', totp(key, Math.floor(Date.now() / 30000) + 1));
  await p2.click('main button[type=submit]');
  assert.equal(new URL(p2.url()).pathname, '/');
  await again.close();
});
