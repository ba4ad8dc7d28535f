// A citizen, without JavaScript, goes from the home page to an indicator's chart in kk, ru and en, and
// from the plan hierarchy to a plan indicator; the language switcher keeps the page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, openBrowser } from './lib.mjs';

let browser;
before(async () => { browser = await openBrowser({ javaScriptEnabled: false }); });
after(async () => { await browser?.close(); });

async function clickAndWait(page, locator) {
  await Promise.all([page.waitForNavigation(), locator.click()]);
}

async function assertChart(page) {
  const chart = page.locator('svg.chart[role="img"]');
  await chart.waitFor();
  assert.ok((await chart.getAttribute('aria-label'))?.length > 3, 'the chart has an accessible name');
  assert.equal(await page.locator('svg.chart desc').count(), 1);
  assert.ok(await page.locator('svg.chart circle').count() > 0, 'the chart draws actual values');
  assert.ok(await page.locator('table.data-table caption').count() > 0, 'the values are also a table');
  assert.ok(await page.locator('table.data-table tbody tr').count() > 0);
}

for (const lang of ['kk', 'ru', 'en']) {
  test(`${lang}: home -> SDG goal -> indicator chart -> another breakdown`, async () => {
    const page = await browser.context.newPage();
    await page.goto(`${BASE}/${lang}/`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await clickAndWait(page, page.locator(`.sdg-grid a[href="/${lang}/sdg/goals/1"]`));
    assert.match(page.url(), new RegExp(`/${lang}/sdg/goals/1$`));
    // The first indicator of goal 1 that has values.
    await clickAndWait(page, page.locator('.target-list .indicator-list a').first());
    assert.match(page.url(), new RegExp(`/${lang}/indicators/\\d+`));
    await assertChart(page);
    assert.equal(await page.locator('h1').count(), 1);

    // Choose another series or breakdown with the GET form (no JavaScript needed).
    const options = await page.locator('#sel-dis option').count();
    if (options > 1) {
      const value = await page.locator('#sel-dis option').nth(1).getAttribute('value');
      await page.selectOption('#sel-dis', value);
      await clickAndWait(page, page.locator('form.selection button[type="submit"]'));
      assert.ok(page.url().includes('disaggregation='), page.url());
      assert.equal(await page.locator('#sel-dis').inputValue(), value);
      await page.locator('svg.chart[role="img"]').waitFor();
    }
    // The CSV of the same data downloads as UTF-8 CSV.
    const href = await page.locator('a.download').first().getAttribute('href');
    const csv = await page.request.get(BASE + href);
    assert.equal(csv.status(), 200);
    assert.match(csv.headers()['content-type'], /^text\/csv/);
    assert.match(await csv.text(), /^\uFEFF?indicator,kind,series,unit,disaggregation,period,value,demo\r\n/);
    await page.close();
  });
}

test('en: home -> plan hierarchy -> document -> plan indicator; switch language keeps the page', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${BASE}/en/`);
  // The National Development Plan until 2029 sits under Kazakhstan-2050 in the nested list.
  await clickAndWait(page, page.locator('.tree ul a', { hasText: /National Development Plan.*2029/ }).first());
  assert.match(page.url(), /\/en\/documents\/\d+$/);
  assert.ok(await page.locator('.goal').count() > 0, 'the document lists its goals');
  await clickAndWait(page, page.locator('.indicator-list a').first());
  assert.match(page.url(), /\/en\/indicators\/\d+/);
  await page.locator('svg.chart[role="img"]').waitFor();
  const path = new URL(page.url()).pathname.replace(/^\/en/, '');
  await clickAndWait(page, page.locator('.lang-switch a[hreflang="kk"]'));
  assert.equal(new URL(page.url()).pathname, `/kk${path}`);
  assert.equal(await page.getAttribute('html', 'lang'), 'kk');
  await page.close();
});

test('documents: filter by tier and status with the GET form, then page and download', async () => {
  const page = await browser.context.newPage();
  await page.goto(`${BASE}/ru/documents`);
  await page.selectOption('#f-tier', '3');
  await clickAndWait(page, page.locator('form.filters button[type="submit"]'));
  assert.ok(page.url().includes('tier=3'));
  const rows = await page.locator('table.data-table tbody tr').count();
  assert.ok(rows > 0, 'tier 3 has documents');
  const csvHref = await page.locator('a.download').getAttribute('href');
  assert.ok(csvHref.includes('tier=3'), 'the CSV keeps the filter');
  const csv = await (await page.request.get(BASE + csvHref)).text();
  const total = Number((await page.locator('table.data-table caption').innerText()).match(/\d+/)[0]);
  assert.equal(csv.trim().split('\r\n').length - 1, total, 'the CSV has every matching document');
  await page.close();
});
