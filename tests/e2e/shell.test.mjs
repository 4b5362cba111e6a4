// The web shell as a person sees it: the front page renders with its stylesheet and no
// script, the error page is a real page, and the print stylesheet hides the navigation.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

test('front page renders with the stylesheet applied', async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  const res = await page.goto(`${baseUrl}/`);
  assert.equal(res.status(), 200);
  assert.equal(await page.title(), 'Home · Kituo');
  const headerBg = await page.$eval('.site-header', (el) => getComputedStyle(el).backgroundColor);
  assert.equal(headerBg, 'rgb(11, 79, 138)');
  assert.match(await page.textContent('main'), /Psychosocial support/);
  await page.screenshot({ path: shot('front-page'), fullPage: true });
  await page.close();
});

test('an unknown address shows the 404 page with a request id', async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  const res = await page.goto(`${baseUrl}/no/such/page`);
  assert.equal(res.status(), 404);
  assert.equal(await page.textContent('h1'), 'Not found');
  assert.match(await page.textContent('.error-page'), /Request id: [0-9a-f]{16}/);
  await page.screenshot({ path: shot('not-found') });
  await page.close();
});

test('printing hides the navigation (A4 print stylesheet)', async () => {
  const page = await browser.newPage({ javaScriptEnabled: false });
  await page.goto(`${baseUrl}/`);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.$eval('.site-header', (el) => getComputedStyle(el).display), 'none');
  await page.close();
});
