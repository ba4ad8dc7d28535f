#!/usr/bin/python3
# A real SMTP server for the mail tests (Debian's python3-aiosmtpd): listens on 127.0.0.1:PORT and writes
# every message it accepts as OUTDIR/NNNN.json (written to a temporary name, then renamed) with the
# envelope, the decoded To, Subject and body, and the raw message. Prints "ready" once it accepts.
# Run with Debian's /usr/bin/python3 (a pyenv python3 on PATH lacks aiosmtpd).
import email
import email.policy
import itertools
import json
import os
import sys
import time

from aiosmtpd.controller import Controller

port, outdir = int(sys.argv[1]), sys.argv[2]
os.makedirs(outdir, exist_ok=True)
counter = itertools.count(len(os.listdir(outdir)) + 1)


class Sink:
    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "to": str(msg["To"]),
            "subject": str(msg["Subject"]),
            "from": str(msg["From"]),
            "date": str(msg["Date"]),
            "message_id": str(msg["Message-ID"]),
            "content_type": msg.get_content_type(),
            "charset": msg.get_content_charset(),
            "body": msg.get_content(),
            "raw": raw.decode("utf-8", "replace"),
        }
        n = next(counter)
        tmp = os.path.join(outdir, ".%04d.tmp" % n)
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        os.rename(tmp, os.path.join(outdir, "%04d.json" % n))
        return "250 Message accepted for delivery"


controller = Controller(Sink(), hostname="127.0.0.1", port=port)
controller.start()
print("ready", flush=True)
try:
    while True:
        time.sleep(3600)
except KeyboardInterrupt:
    pass
finally:
    controller.stop()
