// Two-factor sign-in in the browser: a planner switches it on from the account page (the secret is shown as
// text; the code is computed here from it with HMAC-SHA-1, as an authenticator app does), gets the recovery
// codes once, and signs in again through the second step: a wrong code is refused with a message, a
// recovery code opens the session. Every page passes axe-core.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { BASE, openBrowser, signIn, assertAccessible } from './lib.mjs';

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

// RFC 6238 with HMAC-SHA-1, 30-second steps, 6 digits.
function totp(secretBase32, unixSeconds = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / 30)));
  const mac = crypto.createHmac('sha1', base32Decode(secretBase32)).update(counter).digest();
  const offset = mac[mac.length - 1] & 15;
  const n = (mac.readUInt32BE(offset) & 0x7fffffff) % 1000000;
  return String(n).padStart(6, '0');
}

async function submit(page, selector) {
  await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

let browser;
before(async () => { browser = await openBrowser(); });
after(async () => { await browser?.close(); });

test('the code generator of this test gives the RFC 6238 codes', () => {
  // The RFC's key "12345678901234567890" in base32; its 8-digit codes end in these 6 digits.
  assert.equal(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 59), '287082');
  assert.equal(totp('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', 1111111109), '081804');
});

test('a planner switches two-factor sign-in on and signs in again with the second step', async () => {
  const page = await browser.context.newPage();
  const name = process.env.JOSPAR_TWOFA, password = process.env.JOSPAR_TWOFA_PASSWORD;
  await signIn(page, 'en', name, password);
  await page.goto(`${BASE}/en/account/second-factor`);
  await assertAccessible(page, 'two-factor sign-in: off');
  await submit(page, 'form[action$="/second-factor/start"] button[type="submit"]');
  await assertAccessible(page, 'two-factor sign-in: enrolment');
  const secret = (await page.locator('#totp-secret').textContent()).trim();
  assert.match(await page.locator('#totp-uri').textContent(), /^otpauth:\/\/totp\/Jospar:/);
  await page.fill('#code', totp(secret));
  await submit(page, 'form[action$="/second-factor/confirm"] button[type="submit"]');
  const codes = await page.locator('#recovery-codes code').allTextContents();
  assert.equal(codes.length, 10);
  await assertAccessible(page, 'two-factor sign-in: recovery codes');
  await submit(page, 'form[action$="/logout"] button[type="submit"]');

  await page.goto(`${BASE}/en/login`);
  await page.fill('input[name="name"]', name);
  await page.fill('input[name="password"]', password);
  await submit(page, 'form[action$="/login"] button[type="submit"]');
  assert.ok(await page.locator('form[action$="/login/second-step"]').isVisible(), 'no second step');
  await assertAccessible(page, 'sign-in: second step');
  await page.fill('#code', 'abcdef');
  await submit(page, 'form[action$="/login/second-step"] button[type="submit"]');
  assert.match(await page.locator('[role="alert"]').textContent(), /code is wrong/);
  await assertAccessible(page, 'sign-in: second step with an error');
  await page.fill('#code', codes[0]);
  await submit(page, 'form[action$="/login/second-step"] button[type="submit"]');
  assert.ok(!page.url().includes('/login'), `still on ${page.url()}`);
});
