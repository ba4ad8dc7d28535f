// Shared by the browser suites: a fresh Chromium profile per suite, the server's URL, sign-in, and an
// axe-core check for WCAG 2.1 A and AA.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import assert from 'node:assert/strict';

const here = path.dirname(fileURLToPath(import.meta.url));
export const BASE = process.env.JOSPAR_URL;
assert.ok(BASE, 'JOSPAR_URL is not set: run these tests through tests/browser/run.sh');

export const AXE_PATH = path.join(here, 'node_modules', 'axe-core', 'axe.min.js');
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync'];

// Returns a browser context with its own profile directory (removed by close()).
export async function openBrowser(options = {}) {
  const dir = fs.mkdtempSync(path.join(process.env.JOSPAR_BROWSER_TMP || '/tmp', 'profile-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ARGS,
    viewport: options.viewport || { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    // The portal's Content-Security-Policy forbids inline scripts; axe-core is injected by the test.
    bypassCSP: true,
  });
  context.setDefaultTimeout(20000);
  const close = async () => {
    await context.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  return { context, close };
}

// Runs axe-core on the page and fails listing every WCAG 2.1 A/AA violation with its elements. axe-core is
// JavaScript: for a page in a context without JavaScript, the page's current DOM (after whatever the test did
// to it, e.g. a form's POST result) is copied into a page of a fresh JavaScript context at the same URL, so
// that styles, and so colour contrast, are the same, and checked there.
export async function assertAccessible(page, label) {
  await page.addScriptTag({ path: AXE_PATH }).catch(() => {});
  const hasAxe = await page.evaluate(() => typeof window.axe !== 'undefined');
  let target = page;
  let scratch = null;
  if (!hasAxe) {
    scratch = await openBrowser({ viewport: page.viewportSize() || undefined });
    await scratch.context.addCookies(await page.context().cookies());
    target = await scratch.context.newPage();
    await target.goto(page.url()).catch(() => {});
    await target.setContent(await page.content(), { waitUntil: 'load' });
    await target.addScriptTag({ path: AXE_PATH });
  }
  try {
    const violations = await target.evaluate(async () => {
      const result = await window.axe.run(document, {
        runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      });
      return result.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary),
      }));
    });
    assert.deepEqual(violations, [], `${label} (${page.url()}) has WCAG 2.1 AA violations:\n` +
      JSON.stringify(violations, null, 2));
  } finally {
    if (scratch) await scratch.close();
  }
}

// Signs in through the portal's form and returns to `lang`'s home page.
export async function signIn(page, lang, name, password) {
  await page.goto(`${BASE}/${lang}/login`);
  await page.fill('input[name="name"]', name);
  await page.fill('input[name="password"]', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action$="/login"] button[type="submit"]')]);
  assert.ok(!page.url().includes('/login'), `sign-in as ${name} failed: still on ${page.url()}`);
}

// Fails when the page is wider than the viewport (horizontal scrolling on a phone).
export async function assertNoHorizontalScroll(page, label) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth,
  }));
  assert.ok(scroll <= client + 1, `${label}: page is ${scroll}px wide in a ${client}px viewport`);
}
