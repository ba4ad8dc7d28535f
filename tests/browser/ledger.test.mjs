// The Transparency log pages: reached from the main navigation, work without JavaScript, pass axe
// (WCAG 2.1 AA) in kk/ru/en, fit a phone; an entry page says its proof verifies, and a document's history
// links to the log entry of its decision.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, openBrowser, assertAccessible, assertNoHorizontalScroll } from './lib.mjs';

let noScript, phone;
before(async () => {
  noScript = await openBrowser({ javaScriptEnabled: false });
  phone = await openBrowser({ viewport: { width: 360, height: 740 } });
});
after(async () => { await noScript?.close(); await phone?.close(); });

for (const lang of ['kk', 'ru', 'en']) {
  test(`${lang}: the transparency log page shows the signed checkpoint and entries, and passes axe`, async () => {
    const page = await noScript.context.newPage();
    await page.goto(`${BASE}/${lang}/`);
    await page.locator(`nav.main-nav a[href="/${lang}/ledger"]`).click();
    assert.equal(new URL(page.url()).pathname, `/${lang}/ledger`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    const note = await page.locator('pre.signed-note').textContent();
    assert.match(note, /^\S+\n\d+\n[A-Za-z0-9+/]+=*\n/);
    assert.ok(await page.locator('code.verifier-key').isVisible());
    assert.ok(await page.locator('table.ledger-entries tbody tr').count() > 0);
    assert.ok((await page.locator('main pre code', { hasText: 'jospar ledger check --from' }).count()) >= 2);
    await assertAccessible(page, `${lang} ledger`);
    // The first entry listed: its page says the proof verifies.
    await page.locator('table.ledger-entries tbody tr th a').first().click();
    assert.match(new URL(page.url()).pathname, new RegExp(`^/${lang}/ledger/entries/\\d+$`));
    assert.equal(await page.locator('p.verify-result.ok').count(), 1);
    await assertAccessible(page, `${lang} ledger entry`);
    await page.close();
  });
}

test('the log pages fit a phone', async () => {
  const page = await phone.context.newPage();
  await page.goto(`${BASE}/ru/ledger`);
  await assertNoHorizontalScroll(page, 'ru ledger on a phone');
  await page.goto(`${BASE}/ru/ledger/entries/0`);
  await assertNoHorizontalScroll(page, 'ru ledger entry on a phone');
  await page.close();
});

test('older entries are one link away, and a document history links to its log entry', async () => {
  const page = await noScript.context.newPage();
  await page.goto(`${BASE}/en/ledger`);
  const older = page.locator('a[rel="next"]');
  if (await older.count()) {
    await older.click();
    assert.match(page.url(), /\/en\/ledger\?page=2$/);
    assert.ok(await page.locator('table.ledger-entries tbody tr').count() > 0);
  }
  // The demo plan's documents were recorded in the log when loaded.
  await page.goto(`${BASE}/en/documents`);
  await page.locator('main a[href^="/en/documents/"]').first().click();
  const verify = page.locator('main a[href^="/en/ledger/entries/"]');
  assert.ok(await verify.count() > 0, `no verify link on ${page.url()}`);
  await verify.first().click();
  assert.equal(await page.locator('p.verify-result.ok').count(), 1);
  await page.close();
});

for (const lang of ['kk', 'ru', 'en']) {
  test(`${lang}: a state body's history links each decision to its log entry, and the page passes axe`, async () => {
    const page = await noScript.context.newPage();
    // The demo plan's bodies were created through the recorder, so their history rows name their entries.
    await page.goto(`${BASE}/${lang}/bodies`);
    await page.locator(`main a[href^="/${lang}/bodies/"]`).first().click();
    assert.match(new URL(page.url()).pathname, new RegExp(`^/${lang}/bodies/\\d+$`));
    const verify = page.locator(`main table a[href^="/${lang}/ledger/entries/"]`);
    assert.ok(await verify.count() > 0, `no verify link on ${page.url()}`);
    assert.ok((await verify.first().getAttribute('aria-label')).length > 0);
    await assertAccessible(page, `${lang} body with verify links`);
    const bodyPath = new URL(page.url()).pathname;
    await verify.first().click();
    assert.equal(await page.locator('p.verify-result.ok').count(), 1);
    // The entry names the body it is about.
    assert.ok((await page.locator('main').textContent()).includes(`body ${bodyPath.split('/').pop()}`));
    await page.close();
  });
}
