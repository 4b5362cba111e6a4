// Counselling as counsellors, supervisors and HR meet it: a counsellor opens a case with the
// officer's consent, records a session (a mistake first: the error summary and the typed note
// kept), and reads the note back; HR sees the statistics with no count from 1 to 4 and cannot
// open a case. Screenshots go to tests/e2e/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, signIn, snap } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a counsellor opens a case, records a session with a note, and reads it back', async () => {
  const hr = await signIn(browser, 'hr');
  await hr.page.goto(`${baseUrl}/officers`);
  const serviceNumber = (await hr.page.textContent('table.roll tbody tr:last-child td:first-child')).trim();
  await hr.context.close();

  const { context, page } = await signIn(browser, 'counsellor');
  await page.click('nav >> text=Cases');
  assert.match(page.url(), /\/welfare\/cases$/);
  await snap(page, { path: shot('welfare-desk'), fullPage: true });
  await page.click('text=Open a case');
  await page.fill('#service_number', serviceNumber);
  await page.check('#consent-yes');
  await page.fill('#consent_reference', 'Consent form WF-e2e');
  await page.click('main button[type=submit]');
  assert.match(page.url(), /\/welfare\/cases\/\d+$/);
  const caseUrl = page.url();

  const note = 'E2E note: officer describes the checkpoint shooting; sleep poor; agreed weekly sessions.';
  await page.fill('#held_time', '09:15');
  await page.fill('#duration_minutes', '45');
  await page.selectOption('#session_type', 'individual');
  await page.selectOption('#referral_source', 'self');
  await page.selectOption('#risk_level', 'moderate');
  await page.fill('#note', note);
  await page.click('text=Record the session');  // no concern ticked
  assert.match(await page.textContent('.form-errors'), /Choose at least one concern/);
  assert.equal(await page.inputValue('#note'), note, 'the typed note is kept');
  await snap(page, { path: shot('welfare-session-errors'), fullPage: true });
  await page.check('#concern-trauma');
  await page.click('text=Record the session');
  assert.equal(page.url(), caseUrl);
  await page.click('text=Read the note');
  assert.match(page.url(), /\/welfare\/sessions\/\d+$/);
  assert.ok((await page.textContent('.note')).includes(note));
  await snap(page, { path: shot('welfare-note'), fullPage: true });
  await context.close();

  // HR: statistics only, and no case.
  const h = await signIn(browser, 'hr');
  await h.page.click('nav >> text=Welfare');
  assert.match(h.page.url(), /\/welfare\/stats$/);
  const cells = await h.page.$$eval('main td', (tds) => tds.map((td) => td.textContent.trim()));
  assert.ok(cells.length > 0);
  for (const c of cells) assert.doesNotMatch(c, /^[1-4]$/, 'no count from 1 to 4');
  assert.ok(!(await h.page.textContent('main')).includes('checkpoint shooting'));
  await snap(h.page, { path: shot('welfare-stats'), fullPage: true });
  const refused = await h.page.goto(caseUrl);
  assert.equal(refused.status(), 403);
  assert.ok(!(await h.page.textContent('body')).includes('checkpoint shooting'));
  await h.context.close();
});
