// The nominal roll as HR uses it, without JavaScript: the list with filters, a profile with
// its posting history, a new officer added, the edit form with errors and the input kept, and
// the import preview.
// Screenshots go to tests/e2e/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, baseUrl, shot, outDir, signIn, snap } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });


test('HR filters the roll and opens a profile', async () => {
  const { context, page } = await signIn(browser, 'hr');
  await page.click('nav >> text=Officers');
  assert.match(await page.textContent('.pagination'), /Page 1 of 2/);
  await snap(page, { path: shot('officers-list'), fullPage: true });
  await page.selectOption('#status', 'active');
  await page.selectOption('#rank', { label: 'Constable' });
  await page.click('form.filters button');
  assert.match(page.url(), /status=active/);
  assert.match(page.url(), /rank=\d+/);
  const rows = await page.$$eval('table.roll tbody tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(rows.length > 0);
  for (const row of rows) assert.match(row, /Constable/);
  await snap(page, { path: shot('officers-filtered'), fullPage: true });
  await page.click('table.roll tbody tr:first-child a');
  assert.match(await page.textContent('h1'), /\d{7}/);
  assert.match(await page.textContent('main'), /Postings/);
  await snap(page, { path: shot('officer-profile'), fullPage: true });
  await context.close();
});

test('HR adds an officer, who is then on the roll with a first posting', async () => {
  const { context, page } = await signIn(browser, 'hr');
  await page.goto(`${baseUrl}/officers`);
  await page.click('main >> text=New officer');
  assert.equal(new URL(page.url()).pathname, '/officers/new');
  const number = String(70000000 + (Date.now() % 1000000));
  await page.fill('#service_number', number);
  await page.fill('#surname', 'Chepkoech');
  await page.fill('#other_names', 'Faith Jeptoo');
  await page.fill('#national_id', number.slice(0, 8));
  await page.selectOption('#gender', 'F');
  await page.fill('#date_of_birth', '14/03/1996');
  await page.fill('#phone', '0722 418 905');
  await page.selectOption('#service', 'KPS');
  await page.fill('#enlistment_date', '02/07/2019');
  await page.selectOption('#rank_id', { label: 'Constable' });
  await page.fill('#rank_since', '02/07/2019');
  await page.selectOption('#status', 'active');
  await page.fill('#status_since', '02/07/2019');
  await page.selectOption('#station_id', { index: 1 });
  await snap(page, { path: shot('officer-new'), fullPage: true });
  await page.click('main button[type=submit]');
  assert.match(page.url(), /\/officers\/\d+$/);
  assert.match(await page.textContent('h1'), /Chepkoech/);
  // No unit was chosen: the line under the name ends with the station, no dangling separator.
  assert.match((await page.textContent('main .lead')).trim(), /Station$/);
  assert.match(await page.textContent('main'), new RegExp(number));
  await snap(page, { path: shot('officer-added'), fullPage: true });
  // On the roll, found by service number.
  await page.goto(`${baseUrl}/officers?q=${number}`);
  assert.equal((await page.$$('table.roll tbody tr')).length, 1);
  await context.close();
});

test('the edit form shows each error and keeps the input', async () => {
  const { context, page } = await signIn(browser, 'hr');
  await page.goto(`${baseUrl}/officers?sort=service_number`);
  await page.click('table.roll tbody tr:first-child a');
  await page.click('text=Edit details');
  await page.fill('#surname', 'Otieno <b>bold</b>');
  await page.fill('#phone', '12345');
  await page.fill('#rank_since', '1900-01-01');
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('.form-errors'), /Kenyan mobile number/);
  assert.match(await page.textContent('.form-errors'), /before enlistment/);
  assert.equal(await page.inputValue('#surname'), 'Otieno <b>bold</b>');
  assert.equal(await page.getAttribute('#phone', 'aria-invalid'), 'true');
  await snap(page, { path: shot('officer-edit-errors'), fullPage: true });
  await context.close();
});

test('an import preview lists every row with its problems', async () => {
  const { context, page } = await signIn(browser, 'hr');
  const file = join(outDir, 'import-sample.csv');
  writeFileSync(file, [
    'service_number;surname;other_names;national_id;gender;date_of_birth;enlistment_date;service;rank;rank_since;status;status_since;phone;station_code;unit_code;posted_since',
    '6100001;Nasimiyu;Esther;36100001;F;1997-08-19;2021-02-01;KPS;Constable;2021-02-01;active;2021-02-01;0711 000222;KLM;KLM-CPU;2021-02-01',
    '6100002;Wekesa;Collins;36100002;M;1994-02-30;2019-05-06;APS;Constable;2019-05-06;active;2019-05-06;;KLM;;',
    '6100003;Abdi;Halima;36100003;F;1996-01-10;2020-03-03;KPS;Constable;2020-03-03;active;2020-03-03;;NAKURU;;',
    '6100001;Nasimiyu;Esther;36100009;F;1997-08-19;2021-02-01;KPS;Constable;2021-02-01;active;2021-02-01;;KLM;;',
  ].join('\r\n'));
  await page.goto(`${baseUrl}/officers/import`);
  await page.setInputFiles('#file', file);
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('h1'), /Import preview/);
  const text = await page.textContent('table.preview');
  assert.match(text, /Unknown station "NAKURU"/);
  assert.match(text, /date of birth/);
  assert.match(text, /also appears on line/);
  await snap(page, { path: shot('officers-import-preview'), fullPage: true });
  await context.close();
});

test('the station commander reads the roll but cannot change it', async () => {
  const { context, page } = await signIn(browser, 'ocs');
  await page.goto(`${baseUrl}/officers`);
  assert.equal(await page.$('text=New officer'), null);
  await page.click('table.roll tbody tr:first-child a');
  assert.match(await page.textContent('main'), /\*{4}\d{4}/);
  assert.equal(await page.$('text=Record a transfer'), null);
  const res = await page.goto(`${baseUrl}/officers/new`);
  assert.equal(res.status(), 403);
  await context.close();
});

test('printing the list gives every officer, with the report header and page X of Y on each page', async () => {
  const { execFileSync } = await import('node:child_process');
  const { context, page } = await signIn(browser, 'hr');
  const csv = await (await context.request.get(`${baseUrl}/officers.csv`)).text();
  const numbers = csv.trim().split('\n').slice(1).map((line) => line.split(',')[0].replace(/^\uFEFF/, ''));
  assert.ok(numbers.length >= 100);
  await page.goto(`${baseUrl}/officers`);
  await page.click('text=Print all');
  assert.match(page.url(), /\/officers\/print/);
  await snap(page, { path: shot('officers-print-screen'), fullPage: true });
  const pdf = join(outDir, 'officers-print.pdf');
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  for (const n of numbers) assert.ok(text.includes(n), `service number ${n} is printed`);
  const pages = text.split('\f').filter((p) => p.trim().length > 0);
  assert.ok(pages.length >= 2);
  pages.forEach((p, i) => {
    assert.match(p, /Nominal roll · Kilimani Police Station/, `page ${i + 1} has the report header`);
    assert.match(p, new RegExp(`Page ${i + 1} of ${pages.length}`), `page ${i + 1} is numbered`);
    assert.doesNotMatch(p, /Sign out|Print all|Download CSV/, `page ${i + 1} has no buttons or navigation`);
  });
  await context.close();
});

test('the transfer worklist opens from the home page and fits a phone', async () => {
  const { context, page } = await signIn(browser, 'hr');
  await page.click('text=/Due for transfer: \\d+/');
  assert.match(page.url(), /\/officers\/due-for-transfer$/);
  assert.match(await page.textContent('main'), /\d+ officers within Kilimani Police Station/);
  await snap(page, { path: shot('due-for-transfer'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });
  await page.reload();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `no sideways scrolling at 360 px (overflow ${overflow}px)`);
  await snap(page, { path: shot('due-for-transfer-phone'), fullPage: true });
  await context.close();
});

test('a transfer sent twice (a double click) is recorded once and both answers show success', async () => {
  const { context, page } = await signIn(browser, 'hr');
  await page.goto(`${baseUrl}/officers?sort=service_number&dir=desc`);
  await page.click('table.roll tbody tr:nth-child(3) a');
  const profile = page.url();
  await page.selectOption('#station_id', { label: 'Kilimani Police Station' });
  const current = (await page.textContent('main')).match(/Kilimani Police Station · ([^\n]+)/)[1].trim();
  const units = await page.$$eval('#unit_id option', (os) => os.map((o) => o.textContent));
  await page.selectOption('#unit_id', { label: units.find((u) => u && u !== 'None' && !current.startsWith(u)) });
  await page.fill('#reference', 'MO/88/2026');
  // What the browser sends: the transfer form's fields as they stand.
  const form = await page.$$eval('form[action$="/postings"] [name]', (els) =>
    Object.fromEntries(els.map((e) => [e.name, e.value])));
  await page.click('button:has-text("Record transfer")');
  assert.equal(page.url(), profile);
  assert.match(await page.textContent('main'), /Unit changed to .+ within Kilimani Police Station/);
  // The second click's submission arrives after the first: the same answer, nothing done twice.
  const again = await context.request.post(`${profile}/postings`, { form, maxRedirects: 0 });
  assert.equal(again.status(), 303);
  assert.equal(new URL(again.headers().location, baseUrl).pathname, new URL(profile).pathname);
  await page.goto(profile);
  const main = await page.textContent('main');
  assert.doesNotMatch(main, /Conflict|changed by someone else/);
  assert.match(main, /Unit changed to .+ within Kilimani Police Station/);
  const rows = await page.$$eval('table tbody tr', (trs) => trs.filter((tr) => tr.textContent.includes('MO/88/2026')).length);
  assert.equal(rows, 1);
  await snap(page, { path: shot('officer-transfer-double-submit'), fullPage: true });
  await context.close();
});
