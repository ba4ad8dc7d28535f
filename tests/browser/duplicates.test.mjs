// The planner's "Duplicates" page, with JavaScript off (it must work without it): ranked pairs with their
// score and shared words, the kind selector, the confirmation step before a merge (cancelled here, so the
// other suites keep their data), dismissing a pair; axe-core finds no WCAG 2.1 AA violation on the list
// and the confirmation page, in Kazakh and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, openBrowser, signIn, assertAccessible } from './lib.mjs';

let planner;
before(async () => { planner = await openBrowser({ javaScriptEnabled: false }); });
after(async () => { await planner?.close(); });

async function total(page) {
  return Number((await page.locator('p strong').first().innerText()).trim());
}

test('a planner reviews duplicate indicators without JavaScript', async () => {
  const page = await planner.context.newPage();
  await signIn(page, 'en', process.env.JOSPAR_PLANNER, process.env.JOSPAR_PLANNER_PASSWORD);
  await page.goto(`${BASE}/en/staff/duplicates?kind=indicator`);
  await assertAccessible(page, 'duplicates list');
  const rows = page.locator('table.data-table tbody tr');
  assert.ok(await rows.count() > 0, 'the UN indicators repeated under several targets are listed');
  const before = await total(page);
  assert.ok(before >= await rows.count());

  // Merge asks first; cancelling changes nothing.
  await Promise.all([page.waitForNavigation(), rows.first().locator('a[href*="/staff/duplicates/confirm"]').click()]);
  assert.match(await page.locator('h1').innerText(), /Merge B into A\?/);
  await assertAccessible(page, 'merge confirmation');
  await Promise.all([page.waitForNavigation(), page.locator('main form a').click()]);
  assert.equal(await total(page), before);

  // Dismiss the first pair: it leaves the list for good.
  const first = await rows.first().innerText();
  await Promise.all([page.waitForNavigation(), rows.first().locator('button[type="submit"]').click()]);
  assert.ok(await page.locator('.flash').isVisible());
  assert.equal(await total(page), before - 1);
  if (await rows.count() > 0) assert.notEqual(await rows.first().innerText(), first);
  await page.close();
});

test('the duplicates page speaks Kazakh and offers goals and documents', async () => {
  const page = await planner.context.newPage();
  await page.goto(`${BASE}/kk/staff/duplicates?kind=goal`);
  assert.match(await page.locator('h1').innerText(), /Қайталанулар/);
  assert.equal(await page.locator('#dup-kind').inputValue(), 'goal');
  await assertAccessible(page, 'duplicates list (kk, goals)');
  await page.close();
});
