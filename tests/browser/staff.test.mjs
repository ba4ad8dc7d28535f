// Staff with JavaScript on: a planner signs in, creates a draft document and edits it; an executor signs
// in, finds an indicator of its body under "My indicators" and reports a value; forms show errors next to
// their fields.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, openBrowser, signIn, assertAccessible } from './lib.mjs';

// Each person gets a browser of their own (own cookies, own session).
let planner, executor;
before(async () => { planner = await openBrowser(); executor = await openBrowser(); });
after(async () => { await planner?.close(); await executor?.close(); });

async function submit(page, selector = 'form.staff-form button[type="submit"]') {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

test('a planner signs in, creates a draft and edits it', async () => {
  const page = await planner.context.newPage();
  await signIn(page, 'en', process.env.JOSPAR_PLANNER, process.env.JOSPAR_PLANNER_PASSWORD);
  await page.goto(`${BASE}/en/staff/documents/new`);
  await assertAccessible(page, 'new document form');
  const code = `BT-${Date.now()}`;
  // First an invalid year: the form comes back with the values kept and the error tied to the field.
  await page.fill('#f-code', code);
  await page.selectOption('#f-tier', '5');
  await page.selectOption('#f-type', 'operational_plan');
  await page.fill('#f-title_en', 'Browser test operational plan');
  await page.fill('#f-title_ru', 'Операционный план браузерного теста');
  await page.fill('#f-start_year', 'twenty');
  await page.fill('#f-parent_code', 'NDP-2029');
  await submit(page);
  assert.equal(await page.locator('#f-start_year').getAttribute('aria-invalid'), 'true');
  assert.match(await page.locator('#f-start_year').getAttribute('aria-describedby'), /f-start_year-error/);
  assert.equal(await page.locator('#f-title_en').inputValue(), 'Browser test operational plan');
  await assertAccessible(page, 'document form with errors');
  await page.fill('#f-start_year', '2026');
  await page.fill('#f-end_year', '2027');
  await submit(page);
  assert.match(page.url(), /\/en\/documents\/\d+$/);
  assert.ok(await page.locator('.flash').isVisible());
  assert.match(await page.locator('h1').innerText(), /Browser test operational plan/);

  await Promise.all([page.waitForNavigation(), page.click('a.button[href$="/edit"]')]);
  await page.fill('#f-summary_en', 'Edited in the browser test.');
  await submit(page);
  assert.match(page.url(), /\/en\/documents\/\d+$/);
  assert.match(await page.locator('.flash').innerText(), /saved/);
  assert.match(await page.locator('.summary').innerText(), /Edited in the browser test\./);
  assert.match(await page.locator('#history-heading + div table, .data-table').last().innerText(), /planner-bt/);
  await page.close();
});

test('an executor reports a value for an indicator of its own body', async () => {
  const page = await executor.context.newPage();
  await signIn(page, 'ru', process.env.JOSPAR_EXECUTOR, process.env.JOSPAR_EXECUTOR_PASSWORD);
  await page.goto(`${BASE}/ru/my/indicators`);
  await assertAccessible(page, 'my indicators');
  const links = page.locator('table.data-table tbody th a');
  assert.ok(await links.count() > 0, 'the executor body is responsible for some indicators');
  await Promise.all([page.waitForNavigation(), links.first().click()]);
  assert.ok(await page.locator('#report-period').isVisible(), 'the report form is shown');

  // A wrong period comes back with the message next to the field.
  await page.fill('#report-period', '2031-13');
  await page.fill('#report-value', '42.5');
  await Promise.all([page.waitForNavigation(), page.click('#report-heading ~ form button[type="submit"]')]);
  assert.equal(await page.locator('#report-period').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('#report-value').inputValue(), '42.5');

  await page.fill('#report-period', '2031');
  await page.fill('#report-value', '42.5');
  await Promise.all([page.waitForNavigation(), page.click('#report-heading ~ form button[type="submit"]')]);
  assert.ok(await page.locator('.flash').isVisible());
  const row = page.locator('table.data-table tbody tr', { has: page.locator('th', { hasText: '2031' }) });
  assert.match(await row.innerText(), /42\.5/);
  await page.close();
});
