#!/usr/bin/env python3
"""hostile-xml.py — the hostile-XML suite at full size: every case must come out invalid with
a clear message, in under 1 s and 100 MB, and never show anything from outside the file.

    scripts/hostile-xml.py [--tce PATH] [--keep DIR]

Writes the cases to a temporary folder (or --keep DIR), runs `tce check --format json` on each
under /usr/bin/time -v, and checks: status invalid, at least one error with a message of at
most 400 characters (and a line), wall time < 1 s, peak RSS < 100 MB, and that neither the
output nor the errors contain the secret planted in a file the cases point at.
The small versions of the same cases run in `swift test` (Tests/TCEKitTests/XML/HostileXMLTests).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAD = b'<?xml version="1.0" encoding="UTF-8"?>\n'
ROOT_OPEN = b'<EnergyReport xmlns="urn:tce:energy-report:1" version="1">'


def report(name=b"\xe7\x93\x9c\xe5\xb7\x9e\xe5\x8e\xbf\xe6\xb5\x8b\xe8\xaf\x95\xe5\x85\xac\xe5\x8f\xb8", extra=b""):
    return (ROOT_OPEN + b"\n  <Enterprise>\n    <Name>" + name + b"</Name>\n"
            b"    <CreditCode>91620922MA71XY12A6</CreditCode>\n  </Enterprise>\n"
            b"  <ReportingYear>2011</ReportingYear>\n"
            b'  <Energy>\n    <Item type="raw-coal" unit="t">2100</Item>\n  </Energy>\n'
            b'  <Economics>\n    <IndustrialValueAdded unit="10k-CNY">13500</IndustrialValueAdded>\n  </Economics>\n'
            + extra + b"</EnergyReport>\n")


def cases(secret_path):
    s = secret_path.encode()
    c = {}
    # External entities, in every spelling.
    c["xxe-file"] = HEAD + b'<!DOCTYPE EnergyReport [<!ENTITY x SYSTEM "file://' + s + b'">]>\n' + report(b"&x;")
    c["xxe-plain-path"] = HEAD + b'<!DOCTYPE EnergyReport [<!ENTITY x SYSTEM "' + s + b'">]>\n' + report(b"&x;")
    c["xxe-http"] = HEAD + b'<!DOCTYPE EnergyReport [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>\n' + report(b"&x;")
    c["xxe-in-attribute"] = HEAD + b'<!DOCTYPE EnergyReport [<!ENTITY x SYSTEM "file://' + s + b'">]>\n' + \
        report(extra=b'<Equipment><Unit kind="&x;" status="operating"/></Equipment>\n')
    c["xxe-parameter-entity"] = HEAD + b'<!DOCTYPE EnergyReport [<!ENTITY % p SYSTEM "file://' + s + b'"> %p;]>\n' + report()
    c["xxe-parameter-oob"] = HEAD + (b'<!DOCTYPE EnergyReport [<!ENTITY % f SYSTEM "file://' + s + b'">'
                                     b'<!ENTITY % e "<!ENTITY &#x25; x SYSTEM \'http://127.0.0.1:9/?%f;\'>"> %e; %x;]>\n') + report()
    c["external-dtd-system"] = HEAD + b'<!DOCTYPE EnergyReport SYSTEM "file://' + s + b'">\n' + report()
    c["external-dtd-public"] = HEAD + b'<!DOCTYPE EnergyReport PUBLIC "-//TCE//X" "http://127.0.0.1:9/x.dtd">\n' + report()
    c["doctype-after-comment"] = HEAD + b"<!-- a report -->\n<!DOCTYPE EnergyReport>\n" + report()
    c["doctype-lowercase-keyword"] = HEAD + b'<!doctype EnergyReport [<!ENTITY x SYSTEM "file://' + s + b'">]>\n' + report(b"&x;")
    c["xinclude"] = HEAD + report(extra=b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="file://' + s +
                                  b'" parse="text"/>\n')
    # Entity expansion bombs.
    laughs = b"".join(b'<!ENTITY l%d "%s">' % (i, b"&l%d;" % (i - 1) * 10) for i in range(1, 10))
    c["billion-laughs"] = HEAD + b'<!DOCTYPE EnergyReport [<!ENTITY l0 "lol">' + laughs + b"]>\n" + report(b"&l9;")
    c["billion-laughs-utf16"] = ('<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE EnergyReport [<!ENTITY l0 "lol">'
                                 + laughs.decode() + "]>" + report(b"&l9;").decode()).encode("utf-16")
    c["quadratic-blowup"] = HEAD + b'<!DOCTYPE EnergyReport [<!ENTITY a "' + b"A" * 60000 + b'">]>\n' + \
        report(b"&a;" * 40000)
    # Depth and size.
    c["nesting-100k"] = HEAD + ROOT_OPEN + b"<a>" * 100000 + b"</a>" * 100000 + b"</EnergyReport>\n"
    c["nesting-100k-known-names"] = HEAD + ROOT_OPEN + b"<Energy>" * 100000 + b"</Energy>" * 100000 + b"</EnergyReport>\n"
    c["nesting-100k-unclosed"] = HEAD + ROOT_OPEN + b"<a>" * 100000
    c["attribute-5MB"] = HEAD + report().replace(b'version="1"', b'version="1" x="' + b"A" * (5 << 20) + b'"', 1)
    c["attribute-15MB-on-version"] = HEAD + report().replace(b'version="1"', b'version="' + b"1" * (15 << 20) + b'"', 1)
    c["attribute-12MB-kind"] = HEAD + report(extra=b'<Equipment><Unit kind="' + b"k" * (12 << 20) +
                                             b'" status="fine"/></Equipment>\n')
    c["attributes-100k"] = HEAD + report().replace(b'version="1"', b'version="1" ' + b" ".join(b'a%d="x"' % i for i in range(100000)), 1)
    # Bytes that are not the text they claim.
    good = HEAD + report()
    c["utf8-lone-continuation"] = good.replace(b"<Name>", b"<Name>\x80", 1)
    c["utf8-overlong"] = good.replace(b"<Name>", b"<Name>\xc0\xaf", 1)
    c["utf8-surrogate"] = good.replace(b"<Name>", b"<Name>\xed\xa0\x80", 1)
    c["utf8-truncated-at-end"] = good + b"\xe7\x93"
    c["utf8-ff-byte"] = good.replace(b"<Name>", b"<Name>\xff", 1)
    c["nul-byte"] = good.replace(b"<Name>", b"<Name>\x00", 1)
    c["control-character"] = good.replace(b"<Name>", b"<Name>\x01", 1)
    c["gbk-bytes-declared-utf8"] = good.replace(b"<Name>\xe7\x93\x9c", b"<Name>\xb9\xcf", 1)
    c["invalid-gb18030-sequence"] = good.replace(b'encoding="UTF-8"', b'encoding="GB18030"').replace(b"<Name>", b"<Name>\x81\x20", 1)
    # Byte-order mark against declaration.
    body = report()
    c["bom-utf8-declares-gb18030"] = b"\xef\xbb\xbf" + HEAD.replace(b"UTF-8", b"GB18030") + body
    c["bom-utf8-declares-gbk"] = b"\xef\xbb\xbf" + HEAD.replace(b"UTF-8", b"GBK") + body
    c["bom-utf16le-declares-utf8"] = b"\xff\xfe" + (HEAD + body).decode().encode("utf-16-le")
    c["bom-utf16be-declares-gb2312"] = b"\xfe\xff" + (HEAD.replace(b"UTF-8", b"GB2312") + body).decode().encode("utf-16-be")
    c["utf16-without-bom"] = (HEAD + body).decode().encode("utf-16-le")
    c["bom-utf32"] = b"\xff\xfe\x00\x00" + (HEAD + body).decode().encode("utf-32-le")
    # Encodings libxml2 does not know, or the format does not take.
    for name in [b"KOI8-Z", b"x-tce-unknown", b"", b"UTF-8\x00", b"EBCDIC-US", b"ISO-8859-1", b"UTF-7", b"A" * 500]:
        c["encoding-" + (name[:20].decode("latin-1").replace("\x00", "NUL") or "empty")] = \
            HEAD.replace(b"UTF-8", name, 1) + body
    return c


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--tce", default=os.path.join(ROOT, ".build", "release", "tce"))
    p.add_argument("--keep")
    a = p.parse_args()
    work = a.keep or tempfile.mkdtemp(prefix="tce-hostile-")
    os.makedirs(work, exist_ok=True)
    secret = os.path.join(work, "secret.txt")
    token = "TCE-SECRET-%d" % os.getpid()
    with open(secret, "w") as f:
        f.write(token + "\nroot:x:0:0:secret\n")
    failures = 0
    print("%-34s %-8s %6s %8s  %s" % ("case", "status", "wall s", "RSS MB", "first error"))
    for name, data in cases(secret).items():
        path = os.path.join(work, name + ".xml")
        with open(path, "wb") as f:
            f.write(data)
        timing = path + ".time"
        started = time.monotonic()
        run = subprocess.run(["/usr/bin/time", "-v", "-o", timing, a.tce, "check", "--format", "json",
                              "--rules", os.path.join(ROOT, "rules"), path], capture_output=True)
        wall = time.monotonic() - started
        rss = 0
        for line in open(timing):
            if "Maximum resident set size" in line:
                rss = int(line.split(":")[1]) / 1024
        problems = []
        try:
            result = json.loads(run.stdout)["reports"][0]
        except Exception as e:
            result, problems = {}, ["no JSON output (%s); stderr %r" % (e, run.stderr[:300])]
        errors = result.get("errors", [])
        if result and result.get("status") != "invalid":
            problems.append("status %s" % result.get("status"))
        if result and (not errors or not errors[0].get("message")):
            problems.append("no error message")
        if any(len(e.get("message", "")) > 400 for e in errors):
            problems.append("a message longer than 400 characters")
        if any(e.get("line") is None for e in errors):
            problems.append("an error without a line")
        if run.returncode != 2:
            problems.append("exit code %d" % run.returncode)
        if wall >= 1.0:
            problems.append("took %.2f s" % wall)
        if rss >= 100:
            problems.append("peak RSS %.0f MB" % rss)
        if token.encode() in run.stdout or token.encode() in run.stderr or b"root:x:0:0" in run.stdout:
            problems.append("outside content in the output")
        first = errors[0]["message"][:70] if errors else ""
        print("%-34s %-8s %6.2f %8.1f  %s" % (name, result.get("status", "?"), wall, rss, first))
        for pr in problems:
            print("    PROBLEM: " + pr)
        failures += bool(problems)
        if not a.keep:
            os.remove(path)
            os.remove(timing)
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)
    print("hostile XML: %s (%d of %d cases with problems)" % ("OK" if not failures else "FAILED", failures, len(cases(secret))))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
