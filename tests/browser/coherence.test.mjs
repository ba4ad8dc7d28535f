// Plan coherence in the browser: a planner opens the page, narrows it with the filters (a plain GET form,
// so it also works with JavaScript off), follows a finding to its object; the page and the public
// summary pass axe-core (WCAG 2.1 A and AA) in kk, ru and en.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, openBrowser, signIn, assertAccessible } from './lib.mjs';

let planner, anonymous;
before(async () => {
  planner = await openBrowser({ javaScriptEnabled: false });
  anonymous = await openBrowser();
});
after(async () => { await planner?.close(); await anonymous?.close(); });

test('a planner reads the plan coherence page, filters it and opens a finding', async () => {
  const page = await planner.context.newPage();
  await signIn(page, 'en', process.env.JOSPAR_PLANNER, process.env.JOSPAR_PLANNER_PASSWORD);
  for (const lang of ['kk', 'ru', 'en']) {
    await page.goto(`${BASE}/${lang}/plan/coherence`);
    assert.equal(await page.locator('h1').count(), 1);
    await assertAccessible(page, `plan coherence (${lang})`);
  }
  await page.goto(`${BASE}/en/plan/coherence`);
  assert.ok(await page.locator('section.coherence-group').count() > 0, 'the demo plan has findings');
  // Filter by severity with the form (no JavaScript in this browser).
  await page.selectOption('#h-severity', 'warning');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button[type="submit"]')]);
  assert.match(page.url(), /severity=warning/);
  await assertAccessible(page, 'plan coherence filtered');
  const badges = await page.locator('section.coherence-group h2 .badge').allInnerTexts();
  assert.ok(badges.length > 0);
  for (const b of badges) assert.equal(b, 'Warning');
  // A finding links to its object.
  const link = page.locator('section.coherence-group tbody th a').first();
  const href = await link.getAttribute('href');
  assert.match(href, /^\/en\/(documents|indicators)\/\d+/);
  await Promise.all([page.waitForNavigation(), link.click()]);
  assert.ok(page.url().includes(href.split('#')[0]));
  // The CSV download is offered with the same filter.
  await page.goto(`${BASE}/en/plan/coherence?severity=warning`);
  assert.match(await page.locator('a.download').getAttribute('href'), /coherence\.csv\?severity=warning/);
  await page.close();
});

test('everyone sees the public summary', async () => {
  const page = await anonymous.context.newPage();
  for (const lang of ['kk', 'ru', 'en']) {
    await page.goto(`${BASE}/${lang}/plan/coherence/summary`);
    assert.equal(await page.locator('table.data-table tbody tr').count(), 17);
    await assertAccessible(page, `plan coherence summary (${lang})`);
  }
  await page.close();
});
