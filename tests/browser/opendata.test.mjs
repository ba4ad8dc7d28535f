// The "Open data" page: works without JavaScript, passes axe (WCAG 2.1 AA) in kk/ru/en with every data
// dictionary open, fits a phone, and a file downloaded from it has the SHA-256 the page shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { BASE, openBrowser, assertAccessible, assertNoHorizontalScroll } from './lib.mjs';

let noScript, desktop, phone;
before(async () => {
  noScript = await openBrowser({ javaScriptEnabled: false });
  desktop = await openBrowser();
  phone = await openBrowser({ viewport: { width: 360, height: 740 } });
});
after(async () => { await noScript?.close(); await desktop?.close(); await phone?.close(); });

for (const lang of ['kk', 'ru', 'en']) {
  test(`${lang}: the open data page lists the datasets and passes axe with the dictionaries open`, async () => {
    const page = await noScript.context.newPage();
    const res = await page.goto(`${BASE}/${lang}/open-data`);
    assert.equal(res.status(), 200);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    // Reached from the main navigation.
    assert.equal(await page.locator(`nav.main-nav a[href="/${lang}/open-data"]`).count(), 1);
    for (const id of ['documents', 'goals', 'indicators', 'values', 'bodies']) {
      assert.equal(await page.locator(`section#${id} a[href="/open-data/${id}.csv"]`).count(), 1, `${id}.csv`);
      assert.equal(await page.locator(`section#${id} a[href="/open-data/${id}.json"]`).count(), 1, `${id}.json`);
    }
    assert.equal(await page.locator('a[href="/open-data/open-sdg.tar"]').count(), 1);
    // A dictionary opens without script (details/summary).
    await page.locator('section#values details.dictionary summary').click();
    assert.ok(await page.locator('section#values details.dictionary').evaluate((d) => d.open));
    assert.ok(await page.locator('section#values details.dictionary code', { hasText: 'disaggregation' }).isVisible());
    await page.close();
    // axe (injected, so in a context with JavaScript): as served, and with every dictionary open.
    const checked = await desktop.context.newPage();
    await checked.goto(`${BASE}/${lang}/open-data`);
    await assertAccessible(checked, `${lang} open data`);
    await checked.evaluate(() => document.querySelectorAll('details').forEach((d) => { d.open = true; }));
    await assertAccessible(checked, `${lang} open data, dictionaries open`);
    await checked.close();
  });
}

test('a downloaded file has the SHA-256 shown beside it', async () => {
  const page = await noScript.context.newPage();
  await page.goto(`${BASE}/en/open-data`);
  for (const name of ['values.csv', 'indicators.json', 'open-sdg.tar']) {
    const row = page.locator('tr', { has: page.locator(`a[href="/open-data/${name}"]`) });
    const shown = (await row.locator('code.sha256').textContent()).trim();
    assert.match(shown, /^[0-9a-f]{64}$/);
    const res = await fetch(`${BASE}/open-data/${name}`);
    assert.equal(res.status, 200);
    const body = Buffer.from(await res.arrayBuffer());
    assert.equal(crypto.createHash('sha256').update(body).digest('hex'), shown, name);
    assert.equal(res.headers.get('etag'), `"${shown}"`);
    assert.equal(Number(res.headers.get('content-length')), body.length);
    assert.match(res.headers.get('content-disposition'), new RegExp(`attachment; filename="${name}"`));
  }
  await page.close();
});

test('phone: the open data page fits a 360px screen', async () => {
  const page = await phone.context.newPage();
  await page.goto(`${BASE}/kk/open-data`);
  await assertNoHorizontalScroll(page, 'kk open data');
  await page.close();
});
