// Person accounts in the browser, in kk, ru and en: a person registers through the form (an IIN with a
// wrong check digit and a breached password are refused first, each with its message in the page's
// language), opens the confirmation link of the mail the server wrote (no SMTP: .eml files under
// DATA-DIR/mail), presses Confirm, signs in with the email, switches two-factor sign-in on and signs in
// again with a code, then resets the password through the reset mail and signs in with the new one (the old
// one is refused). Every page passes axe-core; the ru flow runs with JavaScript disabled.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { BASE, openBrowser, assertAccessible } from './lib.mjs';
import { waitForLink } from './mail.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const MAIL_DIR = process.env.JOSPAR_MAIL_DIR;
assert.ok(MAIL_DIR, 'JOSPAR_MAIL_DIR is not set: run these tests through tests/browser/run.sh');
const errors = (lang) => JSON.parse(fs.readFileSync(path.join(here, '..', '..', 'locales', lang, 'errors.json')));

// One person, one account: a different valid IIN per language (check digits as in core/accounts/iin.hpp).
const IIN = { kk: '900101300811', ru: '791028302728', en: '061211600012' };

function base32Decode(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0, value = 0;
  const out = [];
  for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(ch);
    bits += 5;
    if (bits >= 8) { out.push((value >>> (bits - 8)) & 255); bits -= 8; }
  }
  return Buffer.from(out);
}

// RFC 6238 with HMAC-SHA-1, 30-second steps, 6 digits (as second_factor.test.mjs).
function totp(secretBase32, unixSeconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = crypto.createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1000000).padStart(6, '0');
}

async function submit(page, selector = 'main form button[type="submit"]') {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

async function logIn(page, lang, email, password) {
  await page.goto(`${BASE}/${lang}/login`);
  await page.fill('input[name="name"]', email);
  await page.fill('input[name="password"]', password);
  await submit(page, 'form[action$="/login"] button[type="submit"]');
}

const browsers = [];
after(async () => { for (const b of browsers) await b.close(); });

for (const lang of ['kk', 'ru', 'en']) {
  const javaScriptEnabled = lang !== 'ru';
  test(`${lang}: register, confirm, sign in with the email, two-factor, reset the password` +
       (javaScriptEnabled ? '' : ' (JavaScript disabled)'), async () => {
    const browser = await openBrowser({ javaScriptEnabled });
    browsers.push(browser);
    const page = await browser.context.newPage();
    const msg = errors(lang);
    const email = `person-${lang}-${crypto.randomBytes(4).toString('hex')}@example.kz`;
    const password = `river-${lang}-lamp-orbit-${crypto.randomBytes(3).toString('hex')}`;
    if (!javaScriptEnabled) {
      await page.goto(`${BASE}/${lang}/register`);
      await page.addScriptTag({ content: 'window.scriptRan = true;' }).catch(() => {});
      assert.equal(await page.evaluate(() => window.scriptRan === true), false, 'JavaScript is off');
    }

    // The form, then an IIN whose check digit is wrong: refused with the message in this language.
    await page.goto(`${BASE}/${lang}/register`);
    assert.equal(await page.getAttribute('html', 'lang'), lang);
    await assertAccessible(page, `${lang} register`);
    await page.fill('#f-full_name', 'Айгүл Сәрсенбаева');
    await page.fill('#f-email', email);
    await page.fill('#f-iin', IIN[lang].slice(0, 11) + String((Number(IIN[lang][11]) + 1) % 10));
    await page.fill('#f-password', password);
    await page.check('#f-consent');
    let res = await submit(page);
    assert.equal(res.status(), 422);
    // The message in this language (followed by a located detail, which is English in every language).
    const iinError = (await page.locator('#f-iin-error').textContent()).trim();
    assert.ok(iinError.startsWith(msg['error.iin.check_digit']), iinError);
    assert.equal(await page.getAttribute('#f-iin', 'aria-invalid'), 'true');
    assert.equal(await page.inputValue('#f-email'), email, 'the form keeps what was typed');
    await assertAccessible(page, `${lang} register: wrong IIN`);

    // A breached password.
    await page.fill('#f-iin', IIN[lang]);
    await page.fill('#f-password', 'qwerty123456');
    res = await submit(page);
    assert.equal(res.status(), 422);
    assert.ok((await page.locator('#f-password-error').textContent()).trim().startsWith(msg['error.field.password_breached']));
    assert.equal(await page.locator('#f-iin-error').count(), 0);
    await assertAccessible(page, `${lang} register: breached password`);

    // A valid registration; the IIN is not shown back anywhere after it.
    await page.fill('#f-password', password);
    assert.ok(await page.isChecked('#f-consent'), 'the consent stays ticked');
    res = await submit(page);
    assert.equal(res.status(), 200);
    assert.ok(page.url().endsWith(`/${lang}/register/sent`), page.url());
    assert.ok(!(await page.content()).includes(IIN[lang]));
    await assertAccessible(page, `${lang} register: sent`);

    // Not confirmed yet: the email does not sign in.
    await logIn(page, lang, email, password);
    assert.ok(page.url().includes('/login'), 'an unconfirmed address signed in');

    // The confirmation mail: its link shows a button; pressing it confirms.
    const confirm = await waitForLink(email, `/${lang}/confirm-email`);
    assert.ok(confirm.startsWith(`${BASE}/${lang}/confirm-email?token=`), `link to the public URL: ${confirm}`);
    await page.goto(confirm);
    await assertAccessible(page, `${lang} confirm`);
    res = await submit(page);
    assert.ok(page.url().endsWith(`/${lang}/confirm-email/done`), page.url());
    await assertAccessible(page, `${lang} confirm: done`);
    await page.goto(confirm);
    await submit(page);
    assert.ok((await page.locator('main').textContent()).includes(msg['error.link_used']), 'a used link is refused');

    // Sign in with the email; switch two-factor sign-in on.
    await logIn(page, lang, email.toUpperCase(), password);
    assert.ok(!page.url().includes('/login'), `sign-in with the email failed: ${page.url()}`);
    await page.goto(`${BASE}/${lang}/account/second-factor`);
    await assertAccessible(page, `${lang} second factor: off`);
    await submit(page, 'form[action$="/second-factor/start"] button[type="submit"]');
    await assertAccessible(page, `${lang} second factor: enrolment`);
    const secret = (await page.locator('#totp-secret').textContent()).trim();
    await page.fill('#code', totp(secret));
    await submit(page, 'form[action$="/second-factor/confirm"] button[type="submit"]');
    const codes = await page.locator('#recovery-codes code').allTextContents();
    assert.equal(codes.length, 10);
    await assertAccessible(page, `${lang} second factor: recovery codes`);
    await submit(page, 'form[action$="/logout"] button[type="submit"]');

    // Again, now with the second step: the code of the next step (the current one was used to enrol).
    await logIn(page, lang, email, password);
    assert.ok(await page.locator('form[action$="/login/second-step"]').isVisible(), 'no second step');
    await assertAccessible(page, `${lang} sign-in: second step`);
    await page.fill('#code', totp(secret, Date.now() / 1000 + 30));
    await submit(page, 'form[action$="/login/second-step"] button[type="submit"]');
    assert.ok(!page.url().includes('/login'), `the code did not sign in: ${page.url()}`);
    await submit(page, 'form[action$="/logout"] button[type="submit"]');

    // Reset the password through the mail.
    await page.goto(`${BASE}/${lang}/login`);
    await submit(page, `a[href="/${lang}/password-reset"]`);
    assert.ok(page.url().endsWith(`/${lang}/password-reset`), page.url());
    await assertAccessible(page, `${lang} password reset`);
    await page.fill('#f-email', email);
    await submit(page);
    assert.ok(page.url().endsWith(`/${lang}/password-reset/sent`), page.url());
    await assertAccessible(page, `${lang} password reset: sent`);
    const reset = await waitForLink(email, `/${lang}/password-reset/new`);
    await page.goto(reset);
    await assertAccessible(page, `${lang} new password`);
    await page.fill('#f-password', 'qwerty123456');
    res = await submit(page);
    assert.equal(res.status(), 422);
    assert.ok((await page.locator('#f-password-error').textContent()).trim().startsWith(msg['error.field.password_breached']));
    await assertAccessible(page, `${lang} new password: breached`);
    const newPassword = password + '-new';
    await page.fill('#f-password', newPassword);
    await submit(page);
    assert.ok(page.url().endsWith(`/${lang}/password-reset/done`), page.url());
    await assertAccessible(page, `${lang} new password: done`);

    // The old password no longer signs in; the new one does (second step with a recovery code).
    await logIn(page, lang, email, password);
    assert.equal(await page.locator('form[action$="/login/second-step"]').count(), 0, 'the old password passed');
    assert.ok(page.url().includes('/login'));
    await logIn(page, lang, email, newPassword);
    assert.ok(await page.locator('form[action$="/login/second-step"]').isVisible(), 'no second step');
    await page.fill('#code', codes[0]);
    await submit(page, 'form[action$="/login/second-step"] button[type="submit"]');
    assert.ok(!page.url().includes('/login'), `the new password did not sign in: ${page.url()}`);
    await page.close();
  });
}
