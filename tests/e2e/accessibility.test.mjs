// axe-core on every page each role can open, at desktop and at a 360 px phone width: no serious
// or critical violations, and no sideways scrolling on the phone. Screenshots of the phone
// views go to tests/e2e/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, baseUrl, shot, signIn, axeViolations, snap } from './browser.mjs';

let browser;
before(async () => { browser = await launch(); });
after(async () => { await browser?.close(); });

const pagesByRole = {
  hr: ['/', '/officers', '/officers?sort=rank', '/officers/{officer}', '/officers/{officer}/edit', '/officers/new',
       '/officers/{officer}/postings', '{correct}', '/training/compliance', '/training/compliance?state=overdue',
       '/training/modules', '/training/modules/1', '/training/offerings', '/training/offerings/new',
       '/training/reminders', '/training/completions/new',
       '/officers/import', '/officers/due-for-transfer', '/officers/print', '/account/sessions', '/account/password',
       '/officers/999999', '/no/such/page', '/welfare/stats', '/reservists', '/reservists/deployments'],
  ocs: ['/', '/officers', '/officers/{officer}', '/officers/{officer}/postings', '/training/compliance'],
  admin: ['/', '/admin/users', '/admin/users/new', '/admin/org', '/account/two-factor', '/training/modules',
          '/training/modules/new', '/training/modules/1'],
  auditor: ['/', '/audit', '/audit/verify'],
  'hr.county': ['/', '/training/compliance', '/training/offerings', '/training/reminders', '/training/modules/1',
                '/welfare/stats'],
  counsellor: ['/', '/welfare/cases', '/welfare/cases/new', '{case}', '{session}'],
  supervisor: ['/', '/welfare/cases', '{case}', '/welfare/break-glass', '/welfare/break-glass/reviews'],
  commander: ['/', '/reservists', '/reservists?vetting=due&sort=revetting', '{reservist}', '{reservist}/edit', '/reservists/new',
              '/reservists/deployments', '/reservists/command', '/reservists/firearms', '/reservists/firearms?show=all',
              '{kit}', '/reservists/strength', '/reservists/import'],
  'npr.section': ['/', '/reservists', '/reservists/deployments', '/reservists/command', '/reservists/firearms'],
};

for (const [role, paths] of Object.entries(pagesByRole)) {
  test(`${role}: every page passes axe and fits a 360 px phone`, async () => {
    const { context, page } = await signIn(browser, role);
    let officer = '', correct = '';
    if (paths.some((p) => p.includes('{officer}'))) {
      await page.goto(`${baseUrl}/officers`);
      officer = (await page.getAttribute('table.roll tbody tr:first-child a', 'href')).split('/').pop();
    }
    if (paths.includes('{correct}')) {  // the correction form of that officer's current posting
      await page.goto(`${baseUrl}/officers/${officer}`);
      correct = await page.getAttribute('a[href$="/correct"]', 'href');
    }
    let welfareCase = '', welfareSession = '';
    if (paths.some((p) => p === '{case}' || p === '{session}')) {  // the first case on the desk, and its first session
      await page.goto(`${baseUrl}/welfare/cases`);
      welfareCase = await page.getAttribute('table tbody tr:first-child a[href^="/welfare/cases/"]', 'href');
      await page.goto(baseUrl + welfareCase);
      welfareSession = await page.getAttribute('a[href^="/welfare/sessions/"]', 'href');
    }
    let reservist = '', kit = '';
    if (paths.some((p) => p.startsWith('{reservist}'))) {  // the first reservist on the roster
      await page.goto(`${baseUrl}/reservists`);
      reservist = await page.getAttribute('table.roll tbody tr:first-child a', 'href');
    }
    if (paths.includes('{kit}')) {  // the first kit out
      await page.goto(`${baseUrl}/reservists/firearms`);
      kit = await page.getAttribute('table tbody tr:first-child a[href^="/reservists/firearms/"]', 'href');
    }
    const problems = [];
    for (const width of [1280, 360]) {
      await page.setViewportSize({ width, height: width === 360 ? 740 : 900 });
      for (const path of paths) {
        await page.goto(baseUrl + path.replace('{officer}', officer).replace('{correct}', correct)
          .replace('{case}', welfareCase).replace('{session}', welfareSession)
          .replace('{reservist}', reservist).replace('{kit}', kit));
        for (const v of await axeViolations(page)) problems.push(`${path} at ${width}px: ${v}`);
        if (width === 360) {
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
          if (overflow > 0) problems.push(`${path} at 360px scrolls sideways by ${overflow}px`);
          await snap(page, { path: shot(`phone-${role}${path.replace(/[^a-z0-9]+/gi, '-')}`) });
        }
      }
    }
    assert.deepEqual(problems, []);
    await context.close();
  });
}

test('the sign-in page passes axe', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(`${baseUrl}/login`);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});
