#!/usr/bin/env python3
"""Writes the seed corpora in fuzz/corpus/<target>/ from the test data and the
literal inputs of the tests (docs/fuzzing.md). Rerun after adding tests:
    python3 fuzz/make_seeds.py
Seeds are small files named after their content's hash, so reruns are stable.
"""
import hashlib
import json
import pathlib
import re
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
CORPUS = ROOT / "fuzz" / "corpus"

LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "\\": "\\", '"': '"', "'": "'", "0": "\0"}


def unescape(text):
    """A C++ string literal's contents as bytes (\\xNN and the simple escapes)."""
    out = bytearray()
    i = 0
    while i < len(text):
        c = text[i]
        if c == "\\" and i + 1 < len(text):
            n = text[i + 1]
            if n == "x":
                m = re.match(r"[0-9a-fA-F]{1,2}", text[i + 2:])
                if not m:
                    out += b"\\x"
                    i += 2
                    continue
                out.append(int(m.group(0), 16))
                i += 2 + len(m.group(0))
                continue
            out += ESCAPES.get(n, n).encode()
            i += 2
            continue
        out += c.encode()
        i += 1
    return bytes(out)


RAW = re.compile(r'R"(\w*)\((.*?)\)\1"', re.S)


def literals(path):
    """Every string literal in a C++ file, raw strings included."""
    source = path.read_text()
    raw = [m.group(2).encode() for m in RAW.finditer(source)]
    return raw + [unescape(m.group(1)) for m in LITERAL.finditer(RAW.sub("", source))]


def write(target, seeds):
    folder = CORPUS / target
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        old.unlink()
    for seed in {s for s in seeds if len(s) <= 4096}:
        (folder / hashlib.sha1(seed).hexdigest()[:16]).write_bytes(seed)


def sessions():
    """One session per TEST_CASE in tests/commands: its Run("…") lines in order."""
    run = re.compile(r'Run\(\s*"((?:[^"\\\n]|\\.)*)"\s*(,\s*"(\w+)")?')
    out = []
    for path in sorted((ROOT / "tests" / "commands").glob("*_test.cc")):
        for case in path.read_text().split("TEST_CASE(")[1:]:
            lines = []
            for m in run.finditer(case):
                line = unescape(m.group(1)).replace(b"\n", b" ")
                lines.append((b"!" if m.group(3) == "eve" else b"") + line)
            if lines:
                out.append(b"\n".join(lines))
    return out


def form(fields):
    return urllib.parse.urlencode(fields).encode()


def command_form(text, user="UALICE", channel="CSRC", trigger=""):
    return {"token": "ignored", "team_id": "T1", "channel_id": channel, "user_id": user,
            "command": "/src", "text": text, "response_url": "https://hooks.slack.test/commands/1",
            "trigger_id": trigger, "api_app_id": "AAPP"}


def events():
    def callback(event, event_id="Ev1"):
        return {"type": "event_callback", "api_app_id": "AAPP", "event_id": event_id,
                "event_time": 1234567890, "event": event}
    return [
        {"type": "url_verification", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMm"},
        callback({"type": "member_joined_channel", "user": "UEVE", "channel": "CSRC",
                  "channel_type": "C"}),
        callback({"type": "member_left_channel", "user": "UEVE", "channel": "CSRC"}, "Ev2"),
        callback({"type": "channel_shared", "channel": "CSRC", "user": "UBOT"}, "Ev3"),
        callback({"type": "channel_unshared", "channel": "CSRC"}, "Ev4"),
        callback({"type": "app_home_opened", "user": "UALICE", "tab": "home"}, "Ev5"),
        callback({"type": "message", "user": "UBOT", "bot_id": "BBOT", "text": "hi"}, "Ev6"),
    ]


def interactions():
    def text(block, value):
        return {block: {"type": "plain_text_input", "value": value}}
    values = {"title": text("title", "Heap overflow in the parser"),
              "repo": text("repo", "acme/widget"), "received": text("received", None),
              "reporter": text("reporter", 'Jo & "Co"'),
              "via": {"via": {"type": "static_select", "selected_option": {"value": "email"}}}}
    return [
        {"type": "view_submission", "api_app_id": "AAPP", "user": {"id": "UALICE"},
         "view": {"id": "V1", "type": "modal", "callback_id": "src_report",
                  "private_metadata": json.dumps({"channel": "CSRC"}),
                  "state": {"values": values}}},
        {"type": "block_actions", "api_app_id": "AAPP", "user": {"id": "UALICE"},
         "channel": {"id": "CSRC"}, "response_url": "https://hooks.slack.test/actions/1",
         "actions": [{"action_id": "src_ack", "value": "SRC-1", "type": "button"}]},
        {"type": "shortcut"},
    ]


def mails():
    """Small messages covering what the intake parser branches on."""
    def crlf(*lines):
        return ("\r\n".join(lines) + "\r\n").encode("utf-8", "surrogateescape")
    head = ("From: Rita Reporter <rita@reporter.example>", "To: security@src.example",
            "Date: Tue, 01 Dec 2026 10:00:00 +0000", "Message-ID: <m1@reporter.example>")
    return [
        crlf(*head, "Subject: Heap overflow", "", "The parser overflows."),
        crlf(*head, "Subject: =?UTF-8?B?w5xiZXJsYXVm?= =?iso-8859-1?q?M=FCller?=",
             "In-Reply-To: <srcbot.ab@src.example>",
             "References: <a@x.example> <srcbot.ab@src.example>", "", "more"),
        crlf(*head, "Subject: Re: [SRC-3] x", "MIME-Version: 1.0",
             'Content-Type: multipart/mixed; boundary="o"', "", "--o",
             'Content-Type: multipart/alternative; boundary="a"', "", "--a",
             "Content-Type: text/html; charset=utf-8", "", "<p>hi &amp; <b>bye</b></p>", "--a",
             "Content-Type: text/plain; charset=iso-8859-1",
             "Content-Transfer-Encoding: quoted-printable", "", "pl=E4in", "--a--", "--o",
             'Content-Type: application/pdf; name="poc.pdf"',
             'Content-Disposition: attachment; filename="poc.pdf"',
             "Content-Transfer-Encoding: base64", "", "JVBERi0xLjQgbm90IHJlYWxseQ==", "--o",
             "Content-Type: message/rfc822", "", "From: x@y.example", "Subject: inner", "",
             "inner", "--o--"),
        crlf(*head, "Subject: html", "Content-Type: text/html", "",
             "<html><head><style>x</style></head><body>a<br>b&#233;<pre> c  d</pre></body>"),
        crlf("Return-Path: <>", "From: MAILER-DAEMON@mx.example", "Auto-Submitted: auto-replied",
             "Precedence: bulk", "List-Id: <dev.lists.example>", "Subject: Undelivered",
             'Content-Type: multipart/report; report-type=delivery-status; boundary="r"', "",
             "--r", "Content-Type: text/plain", "", "failed", "--r--"),
        crlf("From: \"Andr\udcc3\udca9\" <andre@example.fr>", "Subject: caf\udce9 \udc80",
             "Content-Type: multipart/mixed", "", "no boundary", "--x", "y"),
    ]


def main():
    tests = ROOT / "tests"
    cvss = [json.loads(l)["vector"].encode()
            for l in (tests / "data" / "cvss_spec_examples.jsonl").read_text().splitlines()]
    cvss += [json.loads(l)["vector"].encode()
             for l in (tests / "data" / "cvss_random.jsonl").read_text().splitlines()[::100]]
    cvss += [s for s in literals(tests / "core" / "cvss_parse_test.cc") if s.startswith(b"CVSS")]
    write("cvss_fuzz", cvss)

    grammar = literals(tests / "commands" / "tokenizer_test.cc")
    grammar += literals(tests / "commands" / "args_test.cc")
    write("grammar_fuzz", grammar)

    runs = sessions()
    write("command_fuzz", runs)

    forms = literals(tests / "bot" / "form_decoder_test.cc")
    forms += [form(command_form("report \"x\" --repo acme/widget"))]
    forms += [form({"payload": json.dumps(p)}) for p in interactions()]
    write("form_fuzz", forms)

    texts = [b"help", b'report "Heap overflow" --repo acme/widget', b"ack SRC-1",
             b"list --all", b"show SRC-1", b"report"]
    texts += [line for s in runs[:40] for line in s.split(b"\n")[:1]]
    http = [b"c" + form(command_form(t.decode("utf-8", "replace"))) for t in texts]
    http += [b"c" + form(command_form("report", trigger="T123"))]
    http += [b"c" + form(command_form("ack SRC-1", channel="CGEN", user="UEVE"))]
    http += [b"e" + json.dumps(e).encode() for e in events()]
    http += [b"i" + form({"payload": json.dumps(p)}) for p in interactions()]
    http += [b"u" + form({"ssl_check": "1", "token": "x"}), b"h"]
    write("http_endpoint_fuzz", http)

    socket = [b'{"type":"hello","num_connections":1}',
              b'{"type":"disconnect","reason":"refresh_requested"}']
    def envelope(kind, payload, n):
        return json.dumps({"envelope_id": f"env-{n}", "type": kind, "payload": payload,
                           "accepts_response_payload": kind != "events_api",
                           "retry_attempt": 0, "retry_reason": ""}).encode()
    socket += [envelope("events_api", e, i) for i, e in enumerate(events())]
    socket += [envelope("slash_commands", command_form(t.decode("utf-8", "replace")), i)
               for i, t in enumerate(texts[:12])]
    socket += [envelope("interactive", p, i) for i, p in enumerate(interactions())]
    write("socket_frame_fuzz", socket)

    doc = (ROOT / "docs" / "configuration.md").read_text()
    configs = [b.encode() for b in re.findall(r"```toml\n(.*?)```", doc, re.S)]
    configs += [s for s in literals(tests / "config" / "config_file_test.cc") if b"=" in s]
    write("config_fuzz", configs)

    write("mail_fuzz", mails())


if __name__ == "__main__":
    main()
