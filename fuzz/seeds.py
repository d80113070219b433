#!/usr/bin/env python3
"""seeds.py TARGET OUTDIR — writes the seed corpus of a fuzz target from the project's data.

report:     every report in samples/ (valid and invalid) and rules/examples/.
expression: every expression and message template of rules/rules/*.yaml (applies, passes,
            each, where, measured, threshold, evidence, message texts), one per file.
Standard library only (the rule files are read line by line, not with a YAML library).
"""
import hashlib
import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def write(out, data):
    name = hashlib.sha1(data).hexdigest()
    with open(os.path.join(out, name), "wb") as f:
        f.write(data)


def report_seeds(out):
    n = 0
    for base in ("samples", os.path.join("rules", "examples")):
        for folder, _, files in os.walk(os.path.join(ROOT, base)):
            for f in sorted(files):
                if f.endswith(".xml"):
                    with open(os.path.join(folder, f), "rb") as src:
                        write(out, src.read())
                    n += 1
    return n


def unquote(text):
    text = text.strip()
    if len(text) >= 2 and text[0] == text[-1] and text[0] in "\"'":
        body = text[1:-1]
        return body.replace('\\"', '"') if text[0] == '"' else body.replace("''", "'")
    return text


def expression_seeds(out):
    keys = ("applies", "passes", "each", "where", "measured", "threshold")
    n = 0
    for f in sorted(os.listdir(os.path.join(ROOT, "rules", "rules"))):
        if not f.endswith(".yaml"):
            continue
        in_evidence = in_message = False
        for line in open(os.path.join(ROOT, "rules", "rules", f), encoding="utf-8"):
            stripped = line.rstrip("\n")
            top = re.match(r"^(\w+):\s*(.*)$", stripped)
            if top:
                key, value = top.groups()
                in_evidence, in_message = key == "evidence", key == "message"
                if key in keys and value:
                    write(out, unquote(value).encode()); n += 1
                elif key == "evidence" and value.startswith("["):
                    for part in value.strip("[]").split(","):
                        write(out, part.strip().encode()); n += 1
                continue
            if in_evidence:
                m = re.match(r"^\s*-\s*(?:(\w+):\s*)?(.+)$", stripped)
                if m:
                    write(out, unquote(m.group(2)).encode()); n += 1
            if in_message:
                m = re.match(r"^\s+(?:zh|en):\s*(.+)$", stripped)
                if m:
                    write(out, unquote(m.group(1)).encode()); n += 1
    return n


def main():
    target, out = sys.argv[1], sys.argv[2]
    shutil.rmtree(out, ignore_errors=True)
    os.makedirs(out)
    n = {"report": report_seeds, "expression": expression_seeds}[target](out)
    print("%d seeds for %s in %s" % (n, target, out))


if __name__ == "__main__":
    main()
