// The nominal roll as HR works it, through the pages without JavaScript: people search, a
// spreadsheet round trip through real LibreOffice, rejected rows fixed and imported again, a
// failed form kept at its own address, and a posting recorded by mistake cancelled.
// Screenshots go to tests/e2e/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, baseUrl, shot, outDir, signIn, snap } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

// RFC 4180 CSV (quotes doubled, fields may hold the delimiter) into arrays of strings.
function parseCsv(text, delimiter = ',') {
  const rows = [];
  let row = [], field = '', quoted = false;
  text = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; ++i) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; ++i; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') ++i;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

function csvLine(fields, delimiter) {
  return fields.map((f) => (/["\r\n]/.test(f) || f.includes(delimiter) ? `"${f.replace(/"/g, '""')}"` : f)).join(delimiter);
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const dateText = (iso) => { const [y, m, d] = iso.split('-'); return `${Number(d)} ${months[Number(m) - 1]} ${y}`; };
const unique = () => String(Date.now() % 100000).padStart(5, '0') + String(Math.floor(Math.random() * 90) + 10);

async function exportRows(context) {
  const res = await context.request.get(`${baseUrl}/officers.csv?sort=service_number`);
  assert.equal(res.status(), 200);
  const [header, ...rows] = parseCsv(await res.text());
  return { header, rows, col: (name) => header.indexOf(name) };
}

async function search(page, query) {
  await page.goto(`${baseUrl}/officers`);
  await page.fill('#q', query);
  await page.click('form.filters button');
  return page.$$eval('table.roll tbody tr', (trs) => trs.map((tr) => tr.textContent));
}

test('HR finds an officer however the name, number or phone is typed', async () => {
  const { context, page } = await signIn(browser, 'hr');
  const roll = await exportRows(context);
  const officer = roll.rows.find((r) => r[roll.col('phone')].startsWith("'+2547") && r[roll.col('other_names')].includes(' '));
  assert.ok(officer, 'a demo officer with a mobile number and two other names');
  const [number, surname, other] = ['service_number', 'surname', 'other_names'].map((c) => officer[roll.col(c)]);
  const phone = officer[roll.col('phone')].slice(1);  // the export's apostrophe off: +2547...
  const found = (rows) => rows.some((r) => r.includes(number));
  assert.ok(found(await search(page, `  ${other.toLowerCase()}   ${surname.toUpperCase()} `)), 'other names first, spaces and case');
  assert.ok(found(await search(page, `${surname}, ${other.split(' ')[0]}`)), 'the list\'s "Surname, Other" form');
  assert.ok(found(await search(page, number.slice(0, 5))), 'a service number prefix');
  assert.ok(found(await search(page, `0${phone.slice(4)}`)), 'the phone as 07...');
  assert.ok(found(await search(page, phone.slice(1))), 'the phone as 2547...');
  assert.ok(found(await search(page, officer[roll.col('national_id')])), 'the national ID (HR)');
  const none = await search(page, 'Zzyzx Nobody');
  assert.equal(none.length, 0);
  assert.match(await page.textContent('main'), /No officers match/);
  await snap(page, { path: shot('officers-search-none'), fullPage: true });
  await page.goto(`${baseUrl}/officers?page=999`);
  assert.match(await page.textContent('.pagination'), /Page (\d+) of \1/);
  await context.close();
});

test('an export re-saved by LibreOffice (semicolons, day-first dates, phones as numbers) imports as new officers', async () => {
  const { context, page } = await signIn(browser, 'hr');
  const roll = await exportRows(context);
  const picked = roll.rows.filter((r) => r[roll.col('station_code')] === 'KLM').slice(0, 3);
  assert.equal(picked.length, 3);
  const stamp = unique();
  const fresh = picked.map((r, i) => {
    const row = [...r];
    row[roll.col('service_number')] = `8${stamp}${i}`;
    row[roll.col('national_id')] = `9${stamp}${i}`;
    // The export writes phones as '+2547... (the apostrophe keeps a spreadsheet from reading a
    // formula); HR retypes one in the national form, which Calc then reads as a number.
    if (i === 0) row[roll.col('phone')] = `0${r[roll.col('phone')].replace(/^'/, '').slice(4)}`;
    return row;
  });
  const dir = join(outDir, 'libreoffice');
  mkdirSync(join(dir, 'saved'), { recursive: true });
  const exported = join(dir, 'roll.csv');
  writeFileSync(exported, '\uFEFF' + [roll.header, ...fresh].map((r) => csvLine(r, ',')).join('\r\n') + '\r\n');
  // Opened in Calc (comma, UTF-8, English (UK), special numbers detected) and saved as CSV with
  // semicolons: what LibreOffice itself writes, phones turned into numbers among it.
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless',
    '--infilter=CSV:44,34,76,1,,2057,false,true',
    '--convert-to', 'csv:Text - txt - csv (StarCalc):59,34,76,1,,2057', '--outdir', join(dir, 'saved'), exported],
  { stdio: 'pipe', timeout: 60000 });
  const saved = parseCsv(readFileSync(join(dir, 'saved', 'roll.csv'), 'utf8'), ';');
  assert.equal(saved.length, 4, 'LibreOffice wrote the header and three rows, with semicolons');
  const phoneCol = saved[0].indexOf('phone');
  assert.match(saved[1][phoneCol], /^7\d{8}$/, 'LibreOffice saved the retyped phone as a number, without its 0');
  // Headless Calc keeps ISO dates as typed; a save from the en-KE desktop shows them day first
  // (02/06/1996, 2/6/1996), as HR's files arrive: the dates are written that way here.
  const dateCols = ['date_of_birth', 'enlistment_date', 'rank_since', 'status_since', 'posted_since'].map((c) => saved[0].indexOf(c));
  const dayFirst = saved.map((r, i) => (i === 0 ? r : r.map((f, c) => {
    if (!dateCols.includes(c) || !/^\d{4}-\d\d-\d\d$/.test(f)) return f;
    const [y, m, d] = f.split('-');
    return i === 1 ? `${Number(d)}/${Number(m)}/${y}` : `${d}/${m}/${y}`;
  })));
  const upload = join(dir, 'roll-saved.csv');
  writeFileSync(upload, dayFirst.map((r) => r.join(';')).join('\r\n') + '\r\n');

  await page.goto(`${baseUrl}/officers/import`);
  await page.setInputFiles('#file', upload);
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('h1'), /Import preview/);
  const summary = await page.textContent('ul.summary');
  assert.match(summary, /3\s+new officers/);
  assert.match(summary, /0\s+rows with problems/);
  const preview = await page.textContent('table.preview');
  for (const r of fresh) assert.ok(preview.includes(dateText(r[roll.col('date_of_birth')])), 'each date shown as read');
  await snap(page, { path: shot('officers-import-libreoffice'), fullPage: true });
  await page.click('button:has-text("Import 3 new")');
  assert.match(await page.textContent('main'), /This file was imported: 3 officers added/);
  const after = await exportRows(context);
  for (const r of fresh) {
    const row = after.rows.find((x) => x[after.col('service_number')] === r[roll.col('service_number')]);
    assert.ok(row, 'the new officer is on the roll');
    for (const c of ['date_of_birth', 'enlistment_date', 'posted_since']) assert.equal(row[after.col(c)], r[roll.col(c)], c);
    assert.equal(row[after.col('phone')], picked[fresh.indexOf(r)][roll.col('phone')], 'the phone as exported before the round trip');
  }
  await context.close();
});

test('rejected rows download with their errors, and once fixed import', async () => {
  const { context, page } = await signIn(browser, 'hr');
  const stamp = unique();
  const header = 'service_number;surname;other_names;national_id;gender;date_of_birth;enlistment_date;service;rank;rank_since;status;status_since;phone;station_code;unit_code;posted_since';
  const file = join(outDir, 'import-with-rejects.csv');
  writeFileSync(file, [header,
    `7${stamp};Chebet;Mercy Jepkoech;7${stamp};F;12/03/1995;02/05/2019;KPS;Constable;02/05/2019;active;02/05/2019;0722 000111;KLM;;02/05/2019`,
    `6${stamp};Mwangi;Joseph;6${stamp};M;30/02/1994;06/05/2019;KPS;Constable;06/05/2019;active;06/05/2019;;NOWHERE;;06/05/2019`,
  ].join('\r\n') + '\r\n');
  await page.goto(`${baseUrl}/officers/import`);
  await page.setInputFiles('#file', file);
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('ul.summary'), /1\s+row with problems/);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('text=Download the 1 rejected row')]);
  const rejectedPath = join(outDir, 'rejected.csv');
  await download.saveAs(rejectedPath);
  const rejected = parseCsv(readFileSync(rejectedPath, 'utf8'), ';');
  assert.equal(rejected.length, 2);
  const errorCol = rejected[0].indexOf('error');
  assert.ok(errorCol >= 0, 'an error column');
  assert.match(rejected[1][errorCol], /NOWHERE/);
  assert.match(rejected[1][errorCol], /date of birth/i);
  // HR fixes the row in the file and imports it; the error column is ignored.
  const fixed = rejected.map((r, i) => (i === 0 ? r : r.map((f, c) => {
    const name = rejected[0][c];
    if (name === 'station_code') return 'KLM';
    if (name === 'date_of_birth') return '28/02/1994';
    return f;
  })));
  const fixedPath = join(outDir, 'rejected-fixed.csv');
  writeFileSync(fixedPath, fixed.map((r) => csvLine(r, ';')).join('\r\n') + '\r\n');
  await page.goto(`${baseUrl}/officers/import`);
  await page.setInputFiles('#file', fixedPath);
  await page.click('main button[type=submit]');
  assert.match(await page.textContent('ul.summary'), /1\s+new officer\b/);
  assert.match(await page.textContent('table.preview'), /28 Feb 1994/);
  await page.click('button:has-text("Import 1 new")');
  assert.match(await page.textContent('main'), /This file was imported: 1 officer added/);
  await context.close();
});

test('a failed form stays at its own address, with the errors and the input', async () => {
  const { context, page } = await signIn(browser, 'hr');
  await page.goto(`${baseUrl}/officers/new`);
  await page.fill('#surname', 'Wafula');
  await page.fill('#date_of_birth', '31/02/1990');
  await page.click('main button[type=submit]');
  assert.equal(new URL(page.url()).pathname, '/officers/new');
  assert.match(await page.textContent('.form-errors'), /There is a problem/);
  assert.equal(await page.inputValue('#surname'), 'Wafula');
  assert.equal(await page.inputValue('#date_of_birth'), '31/02/1990');
  // The address shows the same form when opened again (a bookmark, Back from the next page).
  const again = await page.goto(page.url());
  assert.equal(again.status(), 200);
  assert.match(await page.textContent('h1'), /New officer/);
  await context.close();
});

test('HR cancels a transfer recorded by mistake, giving a reason, and the history shows it', async () => {
  const { context, page } = await signIn(browser, 'hr');
  await page.goto(`${baseUrl}/officers?sort=service_number`);
  await page.click('table.roll tbody tr:nth-child(5) a');
  const profile = page.url();
  const before = await page.$$eval('table tbody tr', (trs) => trs.length);
  await page.selectOption('#station_id', { label: 'Kilimani Police Station' });
  const current = (await page.textContent('main')).match(/Kilimani Police Station · ([^\n]+)/)?.[1]?.trim() ?? '';
  const units = await page.$$eval('#unit_id option', (os) => os.map((o) => o.textContent));
  await page.selectOption('#unit_id', { label: units.find((u) => u && u !== 'None' && !current.startsWith(u)) });
  await page.fill('#reference', 'MO/WRONG/2026');
  await page.click('button:has-text("Record transfer")');
  assert.match(await page.textContent('main'), /Unit changed to/);
  await page.click('text=Correct or cancel the current posting');
  assert.match(page.url(), /\/postings\/\d+\/correct$/);
  await page.check('#action-cancel');
  await page.click('button:has-text("Save the correction")');
  assert.match(await page.textContent('.form-errors'), /Enter the reason/);
  assert.equal(await page.isChecked('#action-cancel'), true, 'the choice is kept');
  await snap(page, { path: shot('posting-correct-errors'), fullPage: true });
  await page.fill('#reason', 'Movement order MO/WRONG/2026 was for another officer');
  await page.click('button:has-text("Save the correction")');
  assert.equal(page.url(), profile);
  const main = await page.textContent('main');
  assert.match(main, /cancelled; the officer is back at/);
  assert.match(main, /Cancelled: .*MO\/WRONG\/2026.*Reason: Movement order MO\/WRONG\/2026 was for another officer/s);
  const rows = await page.$$eval('.columns table tbody tr', (trs) => trs.length);
  assert.ok(rows <= before, 'the cancelled posting is gone from the history table');
  await snap(page, { path: shot('posting-cancelled'), fullPage: true });
  await context.close();
});

test('an officer\'s profile prints as one clean page without edit controls', async () => {
  const { context, page } = await signIn(browser, 'hr');
  await page.goto(`${baseUrl}/officers?sort=service_number`);
  await page.click('table.roll tbody tr:first-child a');
  const number = (await page.textContent('h1 .svc')).trim();
  const pdf = join(outDir, 'officer-profile-print.pdf');
  await page.pdf({ path: pdf, format: 'A4', preferCSSPageSize: true });
  const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
  const pages = text.split('\f').filter((p) => p.trim().length > 0);
  assert.equal(pages.length, 1, 'one page');
  assert.ok(text.includes(number));
  assert.match(text, /Officer record · .+ · printed \d+ \w{3} \d{4} \d\d:\d\d EAT by .+\(hr\)/);
  assert.match(text, /Postings/);
  assert.doesNotMatch(text, /Edit details|Record a transfer|Correct or cancel|Sign out|Movement order reference/);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', pdf, join(outDir, 'officer-profile-print')]);
  await context.close();
});
