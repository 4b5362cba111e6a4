// Counselling as counsellors, supervisors and HR meet it: a counsellor opens a case with the
// officer's consent, records a session (a mistake first: the error summary and the typed note
// kept), and reads the note back; HR sees the statistics with no count from 1 to 4 and cannot
// open a case. A clinical supervisor opens a case she does not supervise by emergency access
// (a reason too short first), and its counsellor sees the grant. Screenshots go to
// tests/e2e/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, signIn, snap, totp, createAccount, firstSignIn } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// The service number of the roll's `n`th row from the end, as HR sees it.
async function serviceNumberOfRow(n) {
  const hr = await signIn(browser, 'hr');
  try {
    await hr.page.goto(`${baseUrl}/officers`);
    return (await hr.page.textContent(`table.roll tbody tr:nth-last-child(${n}) td:first-child`)).trim();
  } finally {
    await hr.context.close();
  }
}

test('a counsellor opens a case, records a session with a note, and reads it back', async () => {
  const serviceNumber = await serviceNumberOfRow(1);

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

test('a supervisor opens a case by emergency access, and its counsellor sees who, when and why', async () => {
  // A counsellor the demo supervisor does not supervise, so only emergency access reaches
  // their cases.
  const { username, oneTime } = await createAccount(browser, 'counsellor', 'Wanjiru Kamau', 'c.bg');
  const { context, page } = await firstSignIn(browser, username, oneTime, 'Jua kali la mchana e2e');
  const key = (await page.textContent('#secret')).trim();
  await page.fill('#code', totp(key, Math.floor(Date.now() / 30000)));
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('h1'), /recovery codes/);
  await page.goto(`${baseUrl}/welfare/cases/new`);
  await page.fill('#service_number', await serviceNumberOfRow(2));
  await page.check('#consent-yes');
  await page.fill('#consent_reference', 'Consent form WF-e2e-bg');
  await page.click('main button[type=submit]');
  assert.match(page.url(), /\/welfare\/cases\/\d+$/);
  const caseUrl = page.url();
  const caseNumber = caseUrl.split('/').pop();

  const s = await signIn(browser, 'supervisor');
  const before = await s.page.goto(caseUrl);
  assert.equal(before.status(), 404, 'not supervised, no grant: the case is not there for her');
  await s.page.goto(`${baseUrl}/welfare/cases`);
  await s.page.click('text=Emergency access to a case');
  await s.page.fill('#case_number', caseNumber);
  await s.page.fill('#reason', 'urgent');
  await s.page.click('main button[type=submit]');
  assert.match(await s.page.textContent('.form-errors'), /at least 20 characters/);
  assert.equal(await s.page.inputValue('#case_number'), caseNumber, 'the case number typed is kept');
  const reason = 'Station reports the officer missing since the night shift; the counsellor is unreachable.';
  await s.page.fill('#reason', reason);
  await snap(s.page, { path: shot('welfare-break-glass'), fullPage: true });
  await s.page.click('main button[type=submit]');
  assert.equal(s.page.url(), caseUrl);
  assert.match(await s.page.textContent('main'), /You are reading this case by emergency access/);
  await snap(s.page, { path: shot('welfare-break-glass-case'), fullPage: true });
  await s.context.close();

  // The case's counsellor sees the grant: the supervisor's name, the time and the reason.
  await page.goto(caseUrl);
  const grants = await page.textContent('#grants-title + ul');
  assert.match(grants, /Mercy Achieng/);
  assert.ok(grants.includes(reason));
  await context.close();
});
