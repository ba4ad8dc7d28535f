// Legacy programme import, without JavaScript (the form is plain multipart HTML): a planner opens the
// upload page (axe-core: no WCAG 2.1 AA violations), checks a set of CSV files (dry run: the changes are
// listed, nothing is written), imports them, imports them again (nothing to change), and sees a problem
// located by file, sheet, row and column. The template downloads are offered.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, openBrowser, signIn, assertAccessible } from './lib.mjs';

let planner;
before(async () => { planner = await openBrowser({ javaScriptEnabled: false }); });
after(async () => { await planner?.close(); });

const code = `LEG-BT-${Date.now()}`;
const csv = (name, text) => ({ name, mimeType: 'text/csv', buffer: Buffer.from(text, 'utf8') });
const files = (value) => [
  csv('documents.csv', 'code,tier,type,title_kk,title_ru,title_en,owner_body,start_year,end_year,status\n' +
    `${code},3,state_programme,Ескі бағдарлама,Прежняя программа,Legacy programme,${process.env.JOSPAR_EXECUTOR_BODY},2011,2015,expired\n`),
  csv('goals.csv', `document,code,title_en\n${code},1,Legacy goal\n`),
  csv('indicators.csv', `code,document,goal,title_en,unit_en\n${code}-I,${code},1,Legacy output,%\n`),
  csv('values.csv', `indicator,period,value\n${code}-I,2012,${value}\n`),
];

async function upload(page, list, button) {
  await page.setInputFiles('#f-files', list);
  await Promise.all([page.waitForNavigation(), page.click(`button[name="mode"][value="${button}"]`)]);
}

test('a planner checks, imports and re-imports legacy files without JavaScript', async () => {
  const page = await planner.context.newPage();
  await signIn(page, 'en', process.env.JOSPAR_PLANNER, process.env.JOSPAR_PLANNER_PASSWORD);
  await page.goto(`${BASE}/en/staff/import`);
  assert.match(await page.locator('h1').innerText(), /Import legacy programmes/);
  assert.equal(await page.locator('a[href$="/staff/import/template.xlsx"]').count(), 1);
  await assertAccessible(page, 'legacy import form');

  await upload(page, files('4.5'), 'check');
  assert.match(await page.locator('#legacy-result-title').innerText(), /Dry run: nothing was written/);
  assert.match(await page.locator('.legacy-result table').innerText(), new RegExp(code));
  await assertAccessible(page, 'legacy import dry run');
  // Nothing was written by the dry run.
  const search = await page.request.get(`${BASE}/api/v1/documents?q=${code}`);
  assert.equal((await search.json()).total, 0);

  await upload(page, files('4.5'), 'import');
  assert.match(await page.locator('#legacy-result-title').innerText(), /Imported/);
  const found = await page.request.get(`${BASE}/api/v1/documents?q=${code}`);
  assert.equal((await found.json()).total, 1);
  await upload(page, files('4.5'), 'import');
  assert.match(await page.locator('.legacy-result').innerText(), /Nothing to change/);

  await upload(page, files('4.75'), 'check');
  assert.match(await page.locator('.legacy-result table').innerText(), /4\.5 → 4\.75/);

  await upload(page, files('four'), 'import');
  assert.match(await page.locator('.error-summary').innerText(), /nothing was written/);
  const row = await page.locator('table.data-table tbody tr').first().innerText();
  assert.match(row, /values\.csv\s+values\s+2\s+value\s+Not a number/);
  await assertAccessible(page, 'legacy import with problems');
  await page.close();
});

test('the upload page is translated', async () => {
  const page = await planner.context.newPage();
  await page.goto(`${BASE}/kk/staff/import`);
  assert.match(await page.locator('h1').innerText(), /Бұрынғы бағдарламаларды импорттау/);
  await assertAccessible(page, 'legacy import form (kk)');
  await page.goto(`${BASE}/ru/staff/import`);
  assert.match(await page.locator('h1').innerText(), /Импорт прежних программ/);
  await page.close();
});
