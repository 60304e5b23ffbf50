#!/usr/bin/python3
"""A loopback SMTP server for srcbot's mail tests (Debian's python3-aiosmtpd).

Started by tests/fakes/smtp_server.cc. Every accepted message is recorded in
--record as <n>.eml (the bytes as received) and <n>.json (the envelope), and,
with --maildir, delivered into that Maildir's new/ the way an LDA does
(Return-Path and Delivered-To on top, LF line ends), so a test can read it
back over IMAP from Dovecot.

Faults for the next N messages come from --control, a file holding
"<fault> <count>", read at each step and counted down as it is used:
  tempfail  answer DATA with 451 (the client should retry later)
  reject    answer RCPT TO with 550 (the client should give up)
  drop      cut the connection once DATA is received, without an answer
With --tls-cert and --tls-key it speaks SMTP over TLS from the first byte
(smtps://, port 465's way), presenting that certificate.
Prints "ready" on stdout once it listens; stops on SIGTERM.
"""

import argparse
import json
import os
import signal
import ssl
import sys
import time

from aiosmtpd.controller import Controller

STAGE = {"tempfail": "data", "reject": "rcpt", "drop": "data"}


class Handler:
    def __init__(self, args):
        self.args = args
        self.count = 0

    def take_fault(self, stage):
        """The fault to apply at `stage`, counted down in the control file; or None."""
        try:
            with open(self.args.control) as f:
                words = f.read().split()
        except FileNotFoundError:
            return None
        if len(words) != 2 or STAGE.get(words[0]) != stage:
            return None
        fault, left = words[0], int(words[1])
        if left <= 0:
            return None
        tmp = self.args.control + ".tmp"
        with open(tmp, "w") as f:
            f.write("%s %d\n" % (fault, left - 1))
        os.replace(tmp, self.args.control)
        return fault

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.take_fault("rcpt") == "reject":
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        fault = self.take_fault("data")
        if fault == "tempfail":
            return "451 4.3.0 Try again later"
        if fault == "drop":
            server.transport.abort()
            return "421 4.4.2 Connection dropped"
        self.count += 1
        raw = envelope.original_content
        self.write(os.path.join(self.args.record, "%d.eml" % self.count), raw)
        meta = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos}
        self.write(os.path.join(self.args.record, "%d.json" % self.count),
                   json.dumps(meta).encode())
        if self.args.maildir:
            self.deliver(envelope, raw)
        return "250 2.0.0 OK queued as %d" % self.count

    def write(self, path, data):
        # Written whole, then renamed: a test polling the directory never
        # reads half a message.
        tmp = path + ".tmp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)

    def deliver(self, envelope, raw):
        head = "Return-Path: <%s>\nDelivered-To: %s\n" % (envelope.mail_from,
                                                           envelope.rcpt_tos[0])
        body = head.encode() + raw.replace(b"\r\n", b"\n")
        name = "%d.%d_%d.srcbot-smtp" % (time.time(), os.getpid(), self.count)
        tmp = os.path.join(self.args.maildir, "tmp", name)
        with open(tmp, "wb") as f:
            f.write(body)
        if self.args.owner:
            uid, gid = (int(x) for x in self.args.owner.split(":"))
            os.chown(tmp, uid, gid)
        os.rename(tmp, os.path.join(self.args.maildir, "new", name))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--record", required=True)
    parser.add_argument("--control", required=True)
    parser.add_argument("--maildir")
    parser.add_argument("--owner", help="uid:gid for delivered files (Dovecot's mail user)")
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    args = parser.parse_args()
    tls = None
    if args.tls_cert:
        tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        tls.load_cert_chain(args.tls_cert, args.tls_key)
    controller = Controller(Handler(args), hostname="127.0.0.1", port=args.port,
                            server_hostname="smtp.test", data_size_limit=None,
                            ssl_context=tls)
    controller.start()
    print("ready", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: (controller.stop(), sys.exit(0)))
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
