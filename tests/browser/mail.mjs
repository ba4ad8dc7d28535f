// The mail that `jospar serve` wrote as .eml files under DATA-DIR/mail (no SMTP configured in the browser
// tests): reading one, and waiting for a new one with a link.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';

const MAIL_DIR = process.env.JOSPAR_MAIL_DIR;

// The text of an .eml file's body (7bit or base64, as app/mail_delivery.cpp writes it) and its To header.
export function readEml(file) {
  const raw = fs.readFileSync(file, 'latin1');
  const split = raw.indexOf('\r\n\r\n');
  const head = raw.slice(0, split), body = raw.slice(split + 4);
  const to = /^To:\s*(.*)$/mi.exec(head)?.[1]?.trim() ?? '';
  const text = /Content-Transfer-Encoding:\s*base64/i.test(head)
    ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
    : Buffer.from(body, 'latin1').toString('utf8');
  return { to, text };
}

// Waits (up to 30 s: the server looks at the outbox every --mail-interval seconds) for a mail to `email`
// holding a link to `linkPath`, one not seen before, and returns the link.
const seen = new Set();
export async function waitForLink(email, linkPath) {
  const pattern = new RegExp(`https?://\\S+${linkPath.replace(/[/?]/g, '\\$&')}\\?token=[0-9a-f]+`);
  for (let i = 0; i < 150; i++) {
    const files = fs.existsSync(MAIL_DIR) ? fs.readdirSync(MAIL_DIR).filter((f) => f.endsWith('.eml')).sort() : [];
    for (const f of files) {
      if (seen.has(f)) continue;
      const mail = readEml(path.join(MAIL_DIR, f));
      const link = pattern.exec(mail.text)?.[0];
      if (mail.to.includes(email) && link) {
        seen.add(f);
        return link;
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`no mail to ${email} with a link to ${linkPath} in ${MAIL_DIR}`);
}

