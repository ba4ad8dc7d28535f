// A person's own data in the browser, in kk, ru and en: the account page (the IIN masked but for its last four
// digits), the download of everything Jospar holds about them (their full IIN among it: it is their data),
// and erasure on request: the form asks for the password (a wrong one is refused with a message), then the
// data is gone and the address no longer signs in. Every page passes axe-core; the ru flow runs with
// JavaScript disabled.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { BASE, openBrowser, assertAccessible } from './lib.mjs';
import { waitForLink } from './mail.mjs';

assert.ok(process.env.JOSPAR_MAIL_DIR, 'JOSPAR_MAIL_DIR is not set: run these tests through tests/browser/run.sh');

// Valid IINs (check digits as in core/accounts/iin.hpp), none used by the other browser tests.
const IIN = { kk: '850515401000', ru: '850515401010', en: '850515401020' };

async function submit(page, selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

const browsers = [];
after(async () => { for (const b of browsers) await b.close(); });

for (const lang of ['kk', 'ru', 'en']) {
  const javaScriptEnabled = lang !== 'ru';
  test(`${lang}: the account page, the download of my data and erasure` +
       (javaScriptEnabled ? '' : ' (JavaScript disabled)'), async () => {
    const browser = await openBrowser({ javaScriptEnabled });
    browsers.push(browser);
    const page = await browser.context.newPage();
    const email = `erase-${lang}-${crypto.randomBytes(4).toString('hex')}@example.kz`;
    const password = `harbour-${lang}-violet-${crypto.randomBytes(3).toString('hex')}`;

    // Registered and confirmed through the API (the forms have their own test in persons.test.mjs).
    const reg = await page.request.post(`${BASE}/api/v1/persons`, {
      data: { full_name: 'Дана Ерланқызы', email, iin: IIN[lang], password, consent: true, lang },
    });
    assert.equal(reg.status(), 201, await reg.text());
    const link = await waitForLink(email, `/${lang}/confirm-email`);
    const token = new URL(link).searchParams.get('token');
    const confirmed = await page.request.post(`${BASE}/api/v1/persons/confirm`, { data: { token } });
    assert.equal(confirmed.status(), 200, await confirmed.text());

    await page.goto(`${BASE}/${lang}/login`);
    await page.fill('input[name="name"]', email);
    await page.fill('input[name="password"]', password);
    await submit(page, 'form[action$="/login"] button[type="submit"]');
    assert.ok(!page.url().includes('/login'), `sign-in failed: ${page.url()}`);

    // The account page: the header links to it; the IIN only by its last four digits.
    await submit(page, `header a[href="/${lang}/account"]`);
    assert.ok(page.url().endsWith(`/${lang}/account`), page.url());
    const content = await page.content();
    assert.ok(content.includes('Дана Ерланқызы'));
    assert.ok(!content.includes(IIN[lang]), 'the full IIN is on the account page');
    assert.ok(content.includes(IIN[lang].slice(8)), 'the last four digits of the IIN are not shown');
    await assertAccessible(page, `${lang} account`);

    // The download, in this session: everything held, the full IIN included.
    const data = await page.request.get(`${BASE}/api/v1/me/data`);
    assert.equal(data.status(), 200);
    assert.match(data.headers()['content-disposition'] ?? '', /attachment/);
    const held = await data.text();
    assert.ok(held.includes(IIN[lang]) && held.includes(email), 'the download lacks the IIN or the email');

    // Erasure: a wrong password is refused and changes nothing.
    await page.goto(`${BASE}/${lang}/account/erase`);
    await assertAccessible(page, `${lang} erase`);
    await page.fill('#password', 'not my password at all');
    let res = await submit(page, 'main form button[type="submit"]');
    assert.equal(res.status(), 422);
    assert.equal(await page.getAttribute('#password', 'aria-invalid'), 'true');
    await assertAccessible(page, `${lang} erase: wrong password`);
    await page.fill('#password', password);
    res = await submit(page, 'main form button[type="submit"]');
    assert.ok(page.url().endsWith(`/${lang}/account/erased`), page.url());
    await assertAccessible(page, `${lang} erased`);

    // The address no longer signs in; the IIN may register again.
    await page.goto(`${BASE}/${lang}/login`);
    await page.fill('input[name="name"]', email);
    await page.fill('input[name="password"]', password);
    await submit(page, 'form[action$="/login"] button[type="submit"]');
    assert.ok(page.url().includes('/login'), 'an erased account signed in');
    const again = await page.request.post(`${BASE}/api/v1/persons`, {
      data: { full_name: 'Дана Ерланқызы', email: `again-${email}`, iin: IIN[lang], password, consent: true, lang },
    });
    assert.equal(again.status(), 201, await again.text());
    await page.close();
  });
}
