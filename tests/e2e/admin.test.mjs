// Administration and audit pages as people use them, without JavaScript: an admin creates an
// account and sees its one-time password; a form error keeps the input; the auditor filters
// the trail and verifies the chain. Screenshots go to tests/e2e/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, signIn, snap } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


test('an admin creates an account and gets its one-time password', async () => {
  const { context, page } = await signIn(browser, 'admin');
  await page.click('nav >> text=Accounts');
  await snap(page, { path: shot('admin-users'), fullPage: true });
  await page.click('text=New account');
  await page.fill('#username', 'Not Valid');
  await page.fill('#display_name', 'Achieng’ Wambui');
  await page.selectOption('#role', 'counsellor');
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('.form-errors'), /lower-case letters/);
  assert.equal(await page.inputValue('#display_name'), 'Achieng’ Wambui');
  assert.equal(await page.getAttribute('#username', 'aria-invalid'), 'true');
  await snap(page, { path: shot('admin-user-errors'), fullPage: true });
  const username = `a.wambui${Date.now() % 100000}`;
  await page.fill('#username', username);
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('h1'), /Account created/);
  const oneTime = (await page.textContent('.secret code')).trim();
  assert.equal(oneTime.length, 20);
  await snap(page, { path: shot('admin-user-created') });
  await context.close();
});

test('the admin sees the organisation tree', async () => {
  const { context, page } = await signIn(browser, 'admin');
  await page.goto(`${baseUrl}/admin/org`);
  assert.match(await page.textContent('table.tree'), /Child Protection Unit/);
  await snap(page, { path: shot('admin-org'), fullPage: true });
  await context.close();
});

test('the auditor filters the trail and verifies the chain', async () => {
  const { context, page } = await signIn(browser, 'auditor');
  await page.click('nav >> text=Audit trail');
  await page.fill('#action', 'login');
  await page.click('form.filters button');
  assert.match(page.url(), /action=login/);
  assert.match(await page.textContent('table.audit'), /login/);
  await snap(page, { path: shot('audit-trail'), fullPage: true });
  await page.click('text=Verify the chain');
  assert.match(await page.textContent('main'), /intact/);
  await snap(page, { path: shot('audit-verify') });
  await context.close();
});

test('other roles are refused the admin pages', async () => {
  const { context, page } = await signIn(browser, 'counsellor');
  const res = await page.goto(`${baseUrl}/admin/users`);
  assert.equal(res.status(), 403);
  const audit = await page.goto(`${baseUrl}/audit`);
  assert.equal(audit.status(), 403);
  await context.close();
});
