// The National Police Reserve as a commander meets it: from the deployments dashboard to a
// reservist without a duty, a duty assigned (then the same duty again, refused as an overlap
// with the form kept), the reservist's handover PIN set with them, a firearm issued at the
// counter with that PIN and returned with the rounds counted back; a section commander sees
// only their section. Screenshots go to tests/e2e/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, signIn, snap } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('a commander assigns a reservist, then issues and takes back a firearm acknowledged by PIN', async () => {
  const { context, page } = await signIn(browser, 'commander');
  await page.click('nav >> text=Deployments');
  assert.match(page.url(), /\/reservists\/deployments$/);
  await snap(page, { path: shot('reserve-deployments'), fullPage: true });
  await page.click('section:has(h2:text("Without a duty now")) li:first-child a');
  assert.match(page.url(), /\/reservists\/\d+#assign$/);
  const reservistUrl = page.url().replace(/#.*/, '');

  await page.fill('#area_ward', 'Kilimani');
  await page.fill('#area_location', 'Yaya Centre');
  await page.selectOption('#role', 'patrol');
  await page.fill('#note', 'E2E night patrol');
  const starts = await page.inputValue('#starts_at');
  const end = new Date(Date.parse(starts + ':00Z') + 8 * 3600 * 1000).toISOString().slice(0, 16);
  await page.fill('#ends_at', end);
  await page.click('form[action$="/assignments"] button[type=submit]');
  assert.match(await page.textContent('.flash'), /Duty recorded/);
  assert.match(await page.textContent('#duties'), /E2E night patrol/);
  await snap(page, { path: shot('reserve-reservist'), fullPage: true });

  // The same duty again overlaps: refused, with the message and the typed values kept.
  await page.fill('#area_ward', 'Kilimani');
  await page.fill('#area_location', 'Valley Arcade');
  await page.selectOption('#role', 'guard');
  await page.fill('#starts_at', starts);
  await page.fill('#ends_at', end);
  await page.click('form[action$="/assignments"] button[type=submit]');
  assert.match(await page.textContent('.form-errors'), /already has a duty from/);
  assert.equal(await page.inputValue('#area_location'), 'Valley Arcade');

  // The reservist sets their PIN, then types it at the counter.
  await page.goto(reservistUrl);
  await page.click('#pin summary');
  await page.fill('#new-pin', '4821');
  await page.fill('#pin-again', '4821');
  await page.click('text=Set PIN');
  assert.match(await page.textContent('.flash'), /Handover PIN set/);
  await page.click('text=Issue a firearm');
  const serial = `E2E-${Date.now() % 1000000}`;
  await page.fill('#serial', serial);
  await page.selectOption('#firearm_type', 'rifle');
  await page.fill('#rounds', '30');
  await page.fill('#pin', '1111');
  await page.click('text=Issue, acknowledged by the reservist');
  assert.match(await page.textContent('.form-errors'), /The PIN does not match/);
  assert.equal(await page.inputValue('#serial'), serial, 'the typed serial is kept');
  await snap(page, { path: shot('reserve-firearm-issue'), fullPage: true });
  await page.fill('#pin', '4821');
  await page.click('text=Issue, acknowledged by the reservist');
  assert.match(page.url(), /\/reservists\/firearms\/\d+$/);
  assert.match(await page.textContent('main'), /by the reservist's PIN at the counter/);
  await page.fill('#rounds_returned', '30');
  await page.click('text=Record return');
  assert.match(await page.textContent('.flash'), /everything came back/);
  await snap(page, { path: shot('reserve-firearm-returned'), fullPage: true });

  await page.goto(`${baseUrl}/reservists/command`);
  assert.match(await page.textContent('main'), /Officer Commanding Station/);
  await snap(page, { path: shot('reserve-command'), fullPage: true });
  await page.goto(`${baseUrl}/reservists`);
  await snap(page, { path: shot('reserve-roster'), fullPage: true });
  await context.close();
});

test('a section commander sees only their section', async () => {
  const { context, page } = await signIn(browser, 'npr.section');
  await page.click('nav >> text=Reservists');
  const sections = await page.$$eval('table.roll tbody tr td:nth-child(3)', (cells) => cells.map((c) => c.textContent));
  assert.ok(sections.length > 0);
  for (const s of sections) assert.match(s, /Section B/);
  await page.goto(`${baseUrl}/reservists/command`);
  assert.doesNotMatch(await page.textContent('main'), /Section A/);
  await context.close();
});
