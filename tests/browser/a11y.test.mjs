// axe-core finds no WCAG 2.1 A/AA violation on any public page type, in each language, and the pages fit
// a phone's screen without horizontal scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, openBrowser, assertAccessible, assertNoHorizontalScroll } from './lib.mjs';

let desktop, phone;
const pages = {};

before(async () => {
  desktop = await openBrowser();
  phone = await openBrowser({ viewport: { width: 360, height: 740 } });
  // Find one object of each kind through the portal itself.
  const page = await desktop.context.newPage();
  await page.goto(`${BASE}/en/documents?q=NDP-2029`);
  pages.document = await page.locator('table.data-table tbody a').first().getAttribute('href');
  await page.goto(BASE + pages.document);
  pages.planIndicator = await page.locator('.indicator-list a').first().getAttribute('href');
  await page.goto(`${BASE}/en/sdg/goals/3`);
  pages.sdgIndicator = await page.locator('.target-list .indicator-list a').first().getAttribute('href');
  pages.target = await page.locator('.target-list h3 a').first().getAttribute('href');
  await page.goto(`${BASE}/en/bodies`);
  pages.body = await page.locator('.body-list a').first().getAttribute('href');
  await page.close();
  for (const [k, v] of Object.entries(pages)) assert.ok(v, `found a ${k} page`);
});
after(async () => { await desktop?.close(); await phone?.close(); });

const strip = (href) => href.replace(/^\/(kk|ru|en)/, '');
const types = () => ({
  home: '/',
  documents: '/documents?tier=3&sort=title',
  document: strip(pages.document),
  'plan indicator': strip(pages.planIndicator),
  'SDG indicator': strip(pages.sdgIndicator),
  'SDG index': '/sdg',
  'SDG goal': '/sdg/goals/3',
  'SDG target': strip(pages.target),
  bodies: '/bodies',
  body: strip(pages.body),
  search: '/search?q=%D0%B1%D0%B5%D0%B4%D0%BD%D0%BE%D1%81%D1%82%D1%8C',
  'not found': '/documents/999999999',
  login: '/login',
});

for (const lang of ['kk', 'ru', 'en']) {
  test(`${lang}: every public page type passes axe (WCAG 2.1 AA)`, async () => {
    const page = await desktop.context.newPage();
    for (const [name, path] of Object.entries(types())) {
      const res = await page.goto(`${BASE}/${lang}${path}`);
      assert.ok(res.status() < 500, `${name}: status ${res.status()}`);
      assert.equal(await page.getAttribute('html', 'lang'), lang, `${name}: html lang`);
      await assertAccessible(page, `${lang} ${name}`);
    }
    await page.close();
  });
}

test('phone: pages fit a 360px screen and keep a visible skip link on focus', async () => {
  const page = await phone.context.newPage();
  for (const [name, path] of Object.entries(types())) {
    await page.goto(`${BASE}/kk${path}`);
    await assertNoHorizontalScroll(page, name);
  }
  await page.goto(`${BASE}/en/`);
  await page.keyboard.press('Tab');
  const focused = await page.evaluate(() => document.activeElement?.getAttribute('href'));
  assert.equal(focused, '#main');
  assert.ok(await page.locator('.skip-link').isVisible());
  await page.close();
});
