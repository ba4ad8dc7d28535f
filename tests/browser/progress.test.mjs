// The progress dashboard (public, filters work without JavaScript) and the executor's "What is due" page,
// each checked with axe-core for WCAG 2.1 AA in kk/ru/en.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, openBrowser, signIn, assertAccessible } from './lib.mjs';

// axe-core needs JavaScript; the filter form is also used by a browser without it.
let citizen, nojs, executor;
before(async () => {
  citizen = await openBrowser();
  nojs = await openBrowser({ javaScriptEnabled: false });
  executor = await openBrowser();
});
after(async () => { await citizen?.close(); await nojs?.close(); await executor?.close(); });

test('the dashboard shows statuses, the method and filters without JavaScript', async () => {
  const page = await citizen.context.newPage();
  for (const lang of ['kk', 'ru', 'en']) {
    await page.goto(`${BASE}/${lang}/progress`);
    assert.equal(await page.locator('h1').count(), 1);
    await assertAccessible(page, `progress dashboard (${lang})`);
  }
  await page.close();
  // Without JavaScript: the method is on the page and the filters work through the GET form.
  const plain = await nojs.context.newPage();
  await plain.goto(`${BASE}/en/progress`);
  assert.match(await plain.locator('#method-heading').innerText(), /How the status is worked out/);
  assert.match(await plain.locator('main').innerText(), /95% or more of the needed rate is on track/);
  await plain.selectOption('#p-sdg', '1');
  await Promise.all([plain.waitForNavigation(), plain.click('form.filters button[type="submit"]')]);
  assert.match(plain.url(), /[?&]sdg=1(&|$)/);
  assert.equal(await plain.locator('#p-sdg').inputValue(), '1');
  const rows = plain.locator('#indicators-heading ~ div table tbody tr');
  assert.ok(await rows.count() > 0, 'SDG goal 1 has indicators');
  // The CSV download has the same filter.
  const href = await plain.locator('a.download').getAttribute('href');
  assert.match(href, /progress\.csv\?sdg=1/);
  await plain.close();
  // The filtered page passes axe too.
  const filtered = await citizen.context.newPage();
  await filtered.goto(`${BASE}/en/progress?sdg=1`);
  await assertAccessible(filtered, 'progress dashboard filtered by SDG goal 1');
  await filtered.close();
});

test('an executor sees what its body must report, and only that', async () => {
  const page = await executor.context.newPage();
  await signIn(page, 'en', process.env.JOSPAR_EXECUTOR, process.env.JOSPAR_EXECUTOR_PASSWORD);
  await page.goto(`${BASE}/en/my/due?year=2026`);
  assert.match(await page.locator('h1').innerText(), /What is due/);
  await assertAccessible(page, 'what is due (en)');
  const rows = page.locator('table.data-table tbody tr');
  assert.ok(await rows.count() > 0, 'the executor body has something due in 2026');
  for (const lang of ['kk', 'ru']) {
    await page.goto(`${BASE}/${lang}/my/due?year=2026`);
    await assertAccessible(page, `what is due (${lang})`);
  }
  await page.close();
});
