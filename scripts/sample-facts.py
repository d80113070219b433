#!/usr/bin/env python3
"""sample-facts.py — an independent oracle for tce report facts and rule outcomes.

Reads energy reports (format v1, SPEC section 2), computes the derived facts of
SPEC section 3 exactly (fractions.Fraction, never floats) and the outcome of
every rule of the 2012 rule set, the way `tce check` must. Standard library
only; it is a cross-check for the Swift implementation and its tests, not a
second product.

    scripts/sample-facts.py [--format text|json|markdown] [--check-expect] PATH...

PATH: files or directories (recursive, *.xml). Inputs are processed as one
batch in byte-wise order of their path as printed, which is what
duplicate-report depends on.

--check-expect  compare with the `<!-- expect: ... -->` comment of every file
                (key=value exact, key~value rounded to 6 places half-even,
                `rule <id> = <outcome>`, `status=invalid`, `fails=a,b`) and
                exit 1 on any mismatch.
--format markdown  the tables of samples/README.md
                (--relative-to DIR prints paths relative to DIR).
--format json   facts as strings (exact decimal, or rounded half-even to 6
                places when a ratio does not terminate) and every finding.

The rule-set constants below mirror the 2012 rule set (SPEC section 3); the
product keeps them in rules/, so if the rules files change, change them here.
Invalid inputs (SPEC section 4) are detected with a built-in structural check
equivalent to rules/report-v1.xsd plus the unit and energy-type checks.
"""

import json
import os
import re
import sys
from fractions import Fraction as F
from xml.parsers import expat

NS = "urn:tce:energy-report:1"
SIZE_LIMIT = 16 * 1024 * 1024

# ----------------------------------------------------------------- rule set --

# unit families: unit -> factor to the family's base unit
ENERGY_FAMILIES = {
    "mass": {"kg": F(1), "t": F(1000)},
    "volume": {"m3": F(1), "10k-m3": F(10000)},
    "electricity": {"kWh": F(1), "MWh": F(1000), "10k-kWh": F(10000)},
    "heat": {"MJ": F(1), "GJ": F(1000)},
}
MONEY_UNITS = {"CNY": F(1, 10000), "10k-CNY": F(1)}        # -> 10k-CNY
WATER_UNITS = {"m3": F(1), "10k-m3": F(10000), "t": F(1)}  # -> m3
TCE_UNITS = {"tce": F(1)}

# type -> (family, reference kgce per base unit, low, high); None: `other`
SINGLE_TOLERANCE = F(5, 100)


def _single(family, ref):
    ref = F(ref)
    return (family, ref, ref * (1 - SINGLE_TOLERANCE), ref * (1 + SINGLE_TOLERANCE))


ENERGY_TYPES = {
    "raw-coal": _single("mass", "0.7143"),
    "cleaned-coal": _single("mass", "0.9000"),
    "coke": _single("mass", "0.9714"),
    "crude-oil": _single("mass", "1.4286"),
    "fuel-oil": _single("mass", "1.4286"),
    "gasoline": _single("mass", "1.4714"),
    "kerosene": _single("mass", "1.4714"),
    "diesel": _single("mass", "1.4571"),
    "lpg": _single("mass", "1.7143"),
    "refinery-gas": _single("mass", "1.5714"),
    "natural-gas": ("volume", F("1.2143"), F("1.1000"), F("1.3300")),
    "coke-oven-gas": ("volume", F("0.5714"), F("0.5714"), F("0.6143")),
    "blast-furnace-gas": _single("volume", "0.1286"),
    "electricity": _single("electricity", "0.1229"),
    "heat": _single("heat", "0.03412"),
    "steam": _single("mass", "0.1286"),
    "other": None,
}

LETTER_MIN = F(1000)
MANAGEMENT_MIN = F(1000)
BENCHMARKING_MIN = F(3000)
AUDIT_MIN = F(5000)
WATER_MAX = F(85)
DECLINE_MIN = F(3, 100)
DECLARED_TOLERANCE = F(1, 100)
OBSOLETE_KINDS = {"earth-kiln"}
TIERS = [("T3", F(5000)), ("T2", F(3000)), ("T1", F(1000))]

RULES = [
    "responsibility-letter", "energy-management", "efficiency-benchmarking",
    "energy-audit", "water-intensity", "intensity-reduction", "energy-quota",
    "obsolete-capacity", "project-energy-review", "declared-total",
    "coefficient-range", "credit-code", "duplicate-report",
]

CREDIT_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def credit_check_char(first17):
    s = sum(CREDIT_CHARSET.index(c) * w for c, w in zip(first17, CREDIT_WEIGHTS))
    v = 31 - s % 31
    return CREDIT_CHARSET[0 if v == 31 else v]


# ------------------------------------------------------------------ numbers --

def exact_decimal(x):
    """The exact decimal string of x, or None if it does not terminate."""
    d = x.denominator
    twos = fives = 0
    while d % 2 == 0:
        d //= 2
        twos += 1
    while d % 5 == 0:
        d //= 5
        fives += 1
    if d != 1:
        return None
    places = max(twos, fives)
    n = abs(x.numerator) * (10 ** places) // x.denominator
    sign = "-" if x < 0 else ""
    if places == 0:
        return sign + str(n)
    s = str(n).rjust(places + 1, "0")
    whole, frac = s[:-places], s[-places:].rstrip("0")
    return sign + whole + ("." + frac if frac else "")


def rounded6(x):
    """x rounded half-even to 6 places, trailing zeros removed."""
    return exact_decimal(F(round(x * 10 ** 6), 10 ** 6))


def show(x):
    """`=exact` when x terminates, `~rounded` otherwise, `=n/a` for None."""
    if x is None:
        return "=n/a"
    e = exact_decimal(x)
    return "=" + e if e is not None else "~" + rounded6(x)


# ------------------------------------------------------------------- errors --

class Invalid(Exception):
    def __init__(self, message, line=None, column=None):
        super().__init__(message)
        self.message, self.line, self.column = message, line, column


# ------------------------------------------------------------------ parsing --

ENCODINGS = {
    "utf-8": "utf-8", "utf8": "utf-8", "us-ascii": "ascii", "ascii": "ascii",
    "gbk": "gbk", "cp936": "gbk", "ms936": "gbk", "windows-936": "gbk",
    "gb2312": "gb2312", "euc-cn": "gb2312", "gb18030": "gb18030",
    "iso-8859-1": "latin-1", "latin1": "latin-1",
}
DECL = re.compile(r"""^<\?xml\s[^?]*?\?>""")
DECL_ENCODING = re.compile(r"""\sencoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\1""")


class Node:
    __slots__ = ("tag", "attrs", "children", "text", "line", "column")

    def __init__(self, tag, attrs, line, column):
        self.tag, self.attrs, self.line, self.column = tag, attrs, line, column
        self.children, self.text = [], ""

    def child(self, name):
        for c in self.children:
            if c.tag == name:
                return c
        return None


def decode(raw):
    """Bytes -> (text without the encoding pseudo-attribute, encoding name)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, enc = raw[3:], "utf-8"
        head = raw[:200].decode("ascii", "replace")
        m = DECL.match(head)
        if m:
            em = DECL_ENCODING.search(m.group(0))
            if em and ENCODINGS.get(em.group(2).lower()) != "utf-8":
                raise Invalid("byte-order mark says UTF-8 but the declaration says "
                              + em.group(2), 1, 1)
    elif raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        enc = "utf-16"
    else:
        head = raw[:200].decode("latin-1")
        m = DECL.match(head)
        enc = "utf-8"
        if m:
            em = DECL_ENCODING.search(m.group(0))
            if em:
                name = em.group(2).lower()
                if name not in ENCODINGS:
                    raise Invalid("unsupported encoding " + em.group(2), 1, 1)
                enc = ENCODINGS[name]
    try:
        text = raw.decode(enc)
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise Invalid(f"bytes not valid {enc}: {e.reason}", line, None)
    m = DECL.match(text)
    if m:  # expat gets a str, so the declared encoding must go
        text = DECL_ENCODING.sub("", m.group(0), count=1) + text[m.end():]
    return text, enc


def parse(text):
    """Well-formedness (expat, no DTD allowed) -> root Node."""
    i = text.find("<!DOCTYPE")
    if i >= 0:
        line = text.count("\n", 0, i) + 1
        col = i - (text.rfind("\n", 0, i) + 1) + 1
        raise Invalid("document type declarations are not allowed", line, col)
    p = expat.ParserCreate(namespace_separator=" ")
    stack, root = [], []

    def start(name, attrs):
        n = Node(name, attrs, p.CurrentLineNumber, p.CurrentColumnNumber + 1)
        if stack:
            stack[-1].children.append(n)
        else:
            root.append(n)
        stack.append(n)

    def end(name):
        stack.pop()

    def chars(data):
        if stack:
            stack[-1].text += data

    p.StartElementHandler, p.EndElementHandler = start, end
    p.CharacterDataHandler = chars
    try:
        p.Parse(text, True)
    except expat.ExpatError as e:
        raise Invalid("not well-formed: " + expat.ErrorString(e.code),
                      e.lineno, e.offset + 1)
    return root[0]


# ----------------------------------------------------- structure (the XSD) --

XML_WS = re.compile(r"[ \t\n\r]+")


def collapse(s):
    return XML_WS.sub(" ", s).strip(" ")


def t_token(v):
    return True


def t_nonempty(v):
    return v != ""


def t_quantity(v):
    return re.fullmatch(r"[0-9]+(\.[0-9]+)?", v) is not None


def t_year(v):
    return re.fullmatch(r"[0-9]{4}", v) is not None


def t_count(v):
    return re.fullmatch(r"[0-9]+", v) is not None and int(v) >= 1


def t_bool(v):
    return v in ("true", "false", "1", "0")


def t_date(v):
    import datetime
    m = re.fullmatch(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(Z|[+-][0-9]{2}:[0-9]{2})?", v)
    if not m:
        return False
    try:
        datetime.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return False
    return True


def t_credit(v):
    return re.fullmatch(r"[0-9A-HJ-NPQRTUWXY]{18}", v) is not None


def t_enum(*values):
    return lambda v: v in values


MEASURED = dict(attrs={"unit": (True, t_nonempty)}, text=t_quantity)
SCHEMA = {
    "EnergyReport": dict(attrs={"version": (True, t_enum("1"))}, seq=[
        ("Enterprise", 1, 1), ("ReportingYear", 1, 1), ("Energy", 1, 1),
        ("Economics", 1, 1), ("Water", 0, 1), ("PreviousYear", 0, 1),
        ("Management", 0, 1), ("Equipment", 0, 1), ("Projects", 0, 1)]),
    "Enterprise": dict(seq=[("Name", 1, 1), ("CreditCode", 1, 1),
                            ("Industry", 0, 1), ("CommissionedYear", 0, 1)]),
    "Name": dict(text=t_nonempty),
    "CreditCode": dict(text=t_credit),
    "Industry": dict(attrs={"code": (True, t_nonempty)}, text=t_token),
    "CommissionedYear": dict(text=t_year),
    "ReportingYear": dict(text=t_year),
    "Energy": dict(seq=[("Item", 1, None), ("DeclaredTotal", 0, 1)]),
    "Item": dict(attrs={"type": (True, t_nonempty), "unit": (True, t_nonempty),
                        "coefficient": (False, t_quantity),
                        "use": (False, t_enum("exported"))}, text=t_quantity),
    "DeclaredTotal": MEASURED,
    "Economics": dict(seq=[("IndustrialValueAdded", 1, 1)]),
    "IndustrialValueAdded": MEASURED,
    "Water": dict(all=["Withdrawal"]),
    "Withdrawal": MEASURED,
    "PreviousYear": dict(attrs={"year": (True, t_year)},
                         seq=[("EnergyTotal", 1, 1), ("IndustrialValueAdded", 1, 1)]),
    "EnergyTotal": MEASURED,
    "Management": dict(all=["ResponsibilityLetter", "Benchmarking", "EnergyAudit",
                            "EnergyManagementOrganization", "EnergyManagementSystem",
                            "EnergyQuota"]),
    "ResponsibilityLetter": dict(attrs={"signed": (True, t_bool), "date": (False, t_date)}),
    "Benchmarking": dict(attrs={"status": (True, t_enum("none", "in-progress", "completed"))}),
    "EnergyAudit": dict(attrs={"completed": (True, t_bool)}),
    "EnergyManagementOrganization": dict(attrs={"established": (True, t_bool)}),
    "EnergyManagementSystem": dict(attrs={"established": (True, t_bool)}),
    "EnergyQuota": MEASURED,
    "Equipment": dict(seq=[("Unit", 0, None)]),
    "Unit": dict(attrs={"kind": (True, t_nonempty), "count": (False, t_count),
                        "status": (True, t_enum("operating", "idle", "dismantled"))}),
    "Projects": dict(seq=[("Project", 0, None)]),
    "Project": dict(attrs={"id": (True, t_nonempty), "name": (True, t_nonempty),
                           "status": (True, t_enum("planned", "under-construction", "operating")),
                           "energyReview": (True, t_enum("approved", "pending", "none"))}),
}
XSI = "http://www.w3.org/2001/XMLSchema-instance"


def validate(node):
    """Structure check equivalent to report-v1.xsd; strips namespaces and
    collapses whitespace of simple values in place."""
    if " " not in node.tag or node.tag.split(" ", 1)[0] != NS:
        raise Invalid(f"element {node.tag.split(' ')[-1]} is not in namespace {NS}",
                      node.line, node.column)
    name = node.tag.split(" ", 1)[1]
    node.tag = name
    decl = SCHEMA.get(name)
    if decl is None:
        raise Invalid(f"unknown element {name}", node.line, node.column)
    attrs = {}
    for k, v in node.attrs.items():
        if " " in k:
            if k.split(" ", 1)[0] == XSI:
                continue
            raise Invalid(f"attribute {k} not allowed on {name}", node.line, node.column)
        spec = decl.get("attrs", {}).get(k)
        if spec is None:
            raise Invalid(f"attribute {k} not allowed on {name}", node.line, node.column)
        v = collapse(v)
        if not spec[1](v):
            raise Invalid(f"{name}/@{k}: invalid value '{v}'", node.line, node.column)
        attrs[k] = v
    for k, (required, _) in decl.get("attrs", {}).items():
        if required and k not in attrs:
            raise Invalid(f"{name}: attribute {k} is required", node.line, node.column)
    node.attrs = attrs
    if "text" in decl:
        if node.children:
            raise Invalid(f"{name} must not contain elements", node.line, node.column)
        node.text = collapse(node.text)
        if not decl["text"](node.text):
            raise Invalid(f"{name}: invalid value '{node.text}'", node.line, node.column)
        return
    if node.text.strip(" \t\r\n"):
        raise Invalid(f"{name} must not contain text", node.line, node.column)
    for c in node.children:
        validate(c)
    names = [c.tag for c in node.children]
    if "seq" in decl:
        i = 0
        for want, lo, hi in decl["seq"]:
            n = 0
            while i < len(names) and names[i] == want and (hi is None or n < hi):
                i += 1
                n += 1
            if n < lo:
                bad = node.children[i] if i < len(names) else node
                raise Invalid(f"{name}: expected {want}", bad.line, bad.column)
        if i < len(names):
            c = node.children[i]
            raise Invalid(f"{name}: unexpected element {c.tag}", c.line, c.column)
    elif "all" in decl:
        seen = set()
        for c in node.children:
            if c.tag not in decl["all"] or c.tag in seen:
                raise Invalid(f"{name}: unexpected element {c.tag}", c.line, c.column)
            seen.add(c.tag)
    elif node.children:
        c = node.children[0]
        raise Invalid(f"{name} must be empty", c.line, c.column)


def boolean(v):
    return v in ("true", "1")


# -------------------------------------------------------------------- facts --

def measured(node, units, what):
    unit = node.attrs["unit"]
    if unit not in units:
        raise Invalid(f"{what}: unit {unit} not accepted (use {', '.join(units)})",
                      node.line, node.column)
    return F(node.text) * units[unit]


class Report:
    pass


def load(path):
    try:
        if os.path.getsize(path) > SIZE_LIMIT:
            raise Invalid("file larger than the size limit", None, None)
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as e:
        raise Invalid("unreadable: " + e.strerror)
    text, enc = decode(raw)
    root = parse(text)
    if root.tag != NS + " EnergyReport":
        raise Invalid(f"root element must be EnergyReport in namespace {NS}",
                      root.line, root.column)
    validate(root)
    r = Report()
    r.encoding = enc
    ent = root.child("Enterprise")
    r.name = ent.child("Name").text
    r.credit = ent.child("CreditCode").text
    cy = ent.child("CommissionedYear")
    r.commissioned = int(cy.text) if cy is not None else None
    r.year = int(root.child("ReportingYear").text)

    # energy items
    total = F(0)
    r.items = []
    coeff_findings = []
    for it in root.child("Energy").children:
        if it.tag != "Item":
            continue
        t, unit = it.attrs["type"], it.attrs["unit"]
        if t not in ENERGY_TYPES:
            raise Invalid(f"unknown energy type {t}", it.line, it.column)
        spec = ENERGY_TYPES[t]
        families = list(ENERGY_FAMILIES) if spec is None else [spec[0]]
        fam = next((f for f in families if unit in ENERGY_FAMILIES[f]), None)
        if fam is None:
            accepted = [u for f in families for u in ENERGY_FAMILIES[f]]
            raise Invalid(f"unit {unit} does not fit energy type {t} "
                          f"(use {', '.join(accepted)})", it.line, it.column)
        base = F(it.text) * ENERGY_FAMILIES[fam][unit]
        declared = F(it.attrs["coefficient"]) if "coefficient" in it.attrs else None
        if spec is None:
            if declared is None:
                raise Invalid("energy type other needs a coefficient", it.line, it.column)
            coeff = declared
            coeff_findings.append((True, t, declared, None))
        else:
            _, ref, lo, hi = spec
            coeff = ref
            if declared is not None:
                ok = lo <= declared <= hi
                coeff_findings.append((ok, t, declared, (lo, hi)))
                if ok:
                    coeff = declared
        tce = base * coeff / 1000
        if it.attrs.get("use") == "exported":
            tce = -tce
        total += tce
        r.items.append((t, unit, it.text, coeff, tce))
    r.coeff_findings = coeff_findings
    r.total = total

    dt = root.child("Energy").child("DeclaredTotal")
    r.declared = measured(dt, TCE_UNITS, "DeclaredTotal") if dt is not None else None
    r.va = measured(root.child("Economics").child("IndustrialValueAdded"),
                    MONEY_UNITS, "IndustrialValueAdded")

    water = root.child("Water")
    wd = water.child("Withdrawal") if water is not None else None
    r.withdrawal = measured(wd, WATER_UNITS, "Withdrawal") if wd is not None else None

    py = root.child("PreviousYear")
    if py is not None:
        r.prev_year = int(py.attrs["year"])
        r.prev_total = measured(py.child("EnergyTotal"), TCE_UNITS, "EnergyTotal")
        r.prev_va = measured(py.child("IndustrialValueAdded"), MONEY_UNITS,
                             "IndustrialValueAdded")
    else:
        r.prev_year = r.prev_total = r.prev_va = None

    mg = root.child("Management")
    r.management = mg
    r.quota = None
    if mg is not None and mg.child("EnergyQuota") is not None:
        r.quota = measured(mg.child("EnergyQuota"), TCE_UNITS, "EnergyQuota")
    eq = root.child("Equipment")
    r.equipment = None if eq is None else [
        (u.attrs["kind"], int(u.attrs.get("count", "1")), u.attrs["status"]) for u in eq.children]
    pj = root.child("Projects")
    r.projects = None if pj is None else [
        (p.attrs["id"], p.attrs["name"], p.attrs["status"], p.attrs["energyReview"])
        for p in pj.children]

    # derived facts
    r.energy_intensity = total / r.va if r.va > 0 else None
    r.water_intensity = (r.withdrawal / r.va
                         if r.withdrawal is not None and r.va > 0 else None)
    r.prev_intensity = (r.prev_total / r.prev_va
                        if r.prev_va is not None and r.prev_va > 0 else None)
    r.decline = ((r.prev_intensity - r.energy_intensity) / r.prev_intensity
                 if r.prev_intensity and r.energy_intensity is not None else None)
    r.tier = next((name for name, lo in TIERS if total >= lo), None)
    return r


# -------------------------------------------------------------------- rules --

def mchild(r, name):
    return r.management.child(name) if r.management is not None else None


def evaluate(r):
    """rule id -> (outcome, reason); duplicate-report is set by the batch."""
    out = {}
    T = r.total

    def na(rule, why):
        out[rule] = ("not-applicable", why)

    # responsibility-letter
    if T >= LETTER_MIN:
        el = mchild(r, "ResponsibilityLetter")
        if el is None:
            out["responsibility-letter"] = ("fail", "not reported: ResponsibilityLetter")
        elif boolean(el.attrs["signed"]):
            out["responsibility-letter"] = ("pass", "signed")
        else:
            out["responsibility-letter"] = ("fail", "not signed")
    else:
        na("responsibility-letter", "totalTce < 1000")

    # energy-management
    if T >= MANAGEMENT_MIN or r.commissioned == r.year:
        missing = [n for n in ("EnergyManagementOrganization", "EnergyManagementSystem")
                   if mchild(r, n) is None]
        notest = [n for n in ("EnergyManagementOrganization", "EnergyManagementSystem")
                  if mchild(r, n) is not None and not boolean(mchild(r, n).attrs["established"])]
        if missing:
            out["energy-management"] = ("fail", "not reported: " + ", ".join(missing))
        elif notest:
            out["energy-management"] = ("fail", "not established: " + ", ".join(notest))
        else:
            out["energy-management"] = ("pass", "both established")
    else:
        na("energy-management", "totalTce < 1000 and not commissioned this year")

    # efficiency-benchmarking
    if T >= BENCHMARKING_MIN:
        el = mchild(r, "Benchmarking")
        if el is None:
            out["efficiency-benchmarking"] = ("fail", "not reported: Benchmarking")
        elif el.attrs["status"] in ("in-progress", "completed"):
            out["efficiency-benchmarking"] = ("pass", el.attrs["status"])
        else:
            out["efficiency-benchmarking"] = ("fail", "status none")
    else:
        na("efficiency-benchmarking", "totalTce < 3000")

    # energy-audit
    if T >= AUDIT_MIN:
        el = mchild(r, "EnergyAudit")
        if el is None:
            out["energy-audit"] = ("fail", "not reported: EnergyAudit")
        elif boolean(el.attrs["completed"]):
            out["energy-audit"] = ("pass", "completed")
        else:
            out["energy-audit"] = ("fail", "not completed")
    else:
        na("energy-audit", "totalTce < 5000")

    # water-intensity
    if r.withdrawal is None:
        na("water-intensity", "no Withdrawal")
    elif r.va <= 0:
        na("water-intensity", "value added is 0")
    elif r.water_intensity <= WATER_MAX:
        out["water-intensity"] = ("pass", "waterIntensity <= 85")
    else:
        out["water-intensity"] = ("fail", "waterIntensity > 85")

    # intensity-reduction
    if T < LETTER_MIN:
        na("intensity-reduction", "totalTce < 1000")
    elif r.prev_year is None:
        na("intensity-reduction", "no PreviousYear")
    elif r.va <= 0 or r.prev_va <= 0:
        na("intensity-reduction", "value added is 0")
    elif r.prev_total <= 0:
        na("intensity-reduction", "previous EnergyTotal is 0")
    elif r.decline >= DECLINE_MIN:
        out["intensity-reduction"] = ("pass", "decline >= 3%")
    else:
        out["intensity-reduction"] = ("fail", "decline < 3%")

    # energy-quota
    if r.quota is None:
        na("energy-quota", "no EnergyQuota")
    elif T <= r.quota:
        out["energy-quota"] = ("pass", "within quota")
    else:
        out["energy-quota"] = ("fail", "over quota")

    # obsolete-capacity
    bad = [k for k, n, s in (r.equipment or []) if k in OBSOLETE_KINDS and s == "operating"]
    out["obsolete-capacity"] = (("fail", "operating: " + ", ".join(bad)) if bad
                                else ("pass", "no obsolete equipment operating"))

    # project-energy-review
    active = [p for p in (r.projects or []) if p[2] in ("under-construction", "operating")]
    if not active:
        na("project-energy-review", "no project under construction or operating")
    else:
        bad = [p[0] for p in active if p[3] != "approved"]
        out["project-energy-review"] = (("fail", "not approved: " + ", ".join(bad)) if bad
                                        else ("pass", "all approved"))

    # declared-total
    if r.declared is None:
        na("declared-total", "no DeclaredTotal")
    elif abs(r.declared - T) <= DECLARED_TOLERANCE * abs(T):
        out["declared-total"] = ("pass", "within 1%")
    else:
        out["declared-total"] = ("fail", "differs by more than 1%")

    # coefficient-range
    if not r.coeff_findings:
        na("coefficient-range", "no declared coefficient")
    else:
        bad = [t for ok, t, _, _ in r.coeff_findings if not ok]
        out["coefficient-range"] = (("fail", "out of range: " + ", ".join(bad)) if bad
                                    else ("pass", "in range"))

    # credit-code
    c = r.credit
    out["credit-code"] = (("pass", "check character right") if credit_check_char(c[:17]) == c[17]
                          else ("fail", f"check character should be {credit_check_char(c[:17])}"))
    return out


# -------------------------------------------------------------------- batch --

def collect(paths):
    files = []
    for p in paths:
        if os.path.isdir(p):
            for d, _, names in os.walk(p):
                for n in names:
                    if n.endswith(".xml"):
                        files.append(os.path.join(d, n))
        else:
            files.append(p)
    return sorted(set(files), key=lambda s: s.encode("utf-8", "surrogateescape"))


def run(paths):
    results = []
    seen = {}
    for path in collect(paths):
        try:
            r = load(path)
        except Invalid as e:
            results.append((path, e))
            continue
        out = evaluate(r)
        key = (r.credit, r.year)
        if key in seen:
            out["duplicate-report"] = ("fail", "duplicate of " + seen[key])
        else:
            seen[key] = path
            out["duplicate-report"] = ("pass", "first report of this enterprise-year")
        r.outcomes = out
        results.append((path, r))
    return results


def facts(r):
    return {
        "totalTce": r.total, "energyIntensity": r.energy_intensity,
        "waterIntensity": r.water_intensity,
        "previousEnergyIntensity": r.prev_intensity, "intensityDecline": r.decline,
    }


def fails(r):
    return [k for k in RULES if r.outcomes[k][0] == "fail"]


# ------------------------------------------------------------ expectations --

EXPECT = re.compile(r"<!--\s*expect:(.*?)-->", re.S)


def read_expect(path):
    with open(path, "rb") as f:
        raw = f.read()
    try:
        text = decode(raw)[0]
    except Invalid:
        text = raw.decode("latin-1")
    m = EXPECT.search(text)
    return m.group(1) if m else None


def check_expect(path, res):
    spec = read_expect(path)
    if spec is None:
        return ["no expect comment"]
    problems = []
    is_invalid = isinstance(res, Invalid)
    for part in [p.strip() for p in spec.split(";") if p.strip()]:
        m = re.fullmatch(r"rule\s+([a-z-]+)\s*=\s*([a-z-]+)(\s*\(.*\))?", part, re.S)
        if m:
            rule, want = m.group(1), m.group(2)
            want = {"na": "not-applicable", "n/a": "not-applicable"}.get(want, want)
            got = "invalid" if is_invalid else res.outcomes[rule][0]
            if got != want:
                problems.append(f"rule {rule}: expected {want}, got {got}")
            continue
        m = re.fullmatch(r"([A-Za-z]+)\s*([=~])\s*(.*)", part, re.S)
        if not m:
            continue  # free text
        key, op, val = m.group(1), m.group(2), m.group(3).strip()
        val = re.sub(r"\s*\(.*\)$", "", val, flags=re.S)  # a remark in parentheses
        if key == "status":
            got = "invalid" if is_invalid else "checked"
            if got != val:
                problems.append(f"status: expected {val}, got {got}")
        elif is_invalid:
            continue
        elif key in facts(res):
            got = show(facts(res)[key])
            if got != op + val:
                problems.append(f"{key}: expected {op}{val}, got {got}")
        elif key == "tier":
            got = res.tier or "none"
            if got != val:
                problems.append(f"tier: expected {val}, got {got}")
        elif key == "fails":
            want = sorted(v for v in val.split(",") if v and v != "none")
            if sorted(fails(res)) != want:
                problems.append(f"fails: expected {','.join(want) or 'none'}, "
                                f"got {','.join(fails(res)) or 'none'}")
    return problems


# ------------------------------------------------------------------- output --

def as_json(results):
    reports = []
    for path, r in results:
        if isinstance(r, Invalid):
            reports.append({"file": path, "status": "invalid",
                            "errors": [{"message": r.message, "line": r.line,
                                        "column": r.column}]})
            continue
        fx = {}
        for k, v in facts(r).items():
            if v is not None:
                e = exact_decimal(v)
                fx[k] = e if e is not None else rounded6(v)
        reports.append({
            "file": path, "status": "checked", "encoding": r.encoding,
            "enterprise": {"name": r.name, "creditCode": r.credit},
            "year": r.year, "tier": r.tier, "facts": fx,
            "findings": [{"rule": k, "outcome": r.outcomes[k][0],
                          "reason": r.outcomes[k][1]} for k in RULES],
        })
    return json.dumps({"reports": reports}, ensure_ascii=False, indent=2)


def as_text(results):
    lines = []
    for path, r in results:
        if isinstance(r, Invalid):
            where = (f" (line {r.line}" + (f", column {r.column}" if r.column else "") + ")"
                     if r.line else "")
            lines.append(f"{path}: INVALID: {r.message}{where}")
            continue
        fx = "; ".join(f"{k}{show(v)}" for k, v in facts(r).items())
        lines.append(f"{path}: {r.name} {r.credit} {r.year} [{r.encoding}] "
                     f"tier={r.tier or 'none'}")
        lines.append(f"  {fx}")
        for k in RULES:
            o, why = r.outcomes[k]
            lines.append(f"  {k:24} {o:15} {why}")
    return "\n".join(lines)


SHORT = {"pass": "pass", "fail": "**FAIL**", "not-applicable": "n/a"}


def as_markdown(results, base=None):
    def rel(p):
        return os.path.relpath(p, base) if base else p

    out = ["| file | enterprise | encoding | totalTce | tier | fails |",
           "|---|---|---|---:|---|---|"]
    for path, r in results:
        if isinstance(r, Invalid):
            continue
        out.append(f"| `{rel(path)}` | {r.name} | {r.encoding.upper()} | "
                   f"{exact_decimal(r.total)} | {r.tier or '—'} | "
                   f"{', '.join(fails(r)) or '—'} |")
    out += ["", "| file | energyIntensity | waterIntensity | previousEnergyIntensity | intensityDecline |",
            "|---|---:|---:|---:|---:|"]
    for path, r in results:
        if isinstance(r, Invalid):
            continue
        cells = []
        for k in ("energyIntensity", "waterIntensity", "previousEnergyIntensity", "intensityDecline"):
            v = facts(r)[k]
            cells.append("—" if v is None else
                         (exact_decimal(v) if exact_decimal(v) is not None else "≈" + rounded6(v)))
        out.append(f"| `{rel(path)}` | " + " | ".join(cells) + " |")
    out += ["", "| file | " + " | ".join(RULES) + " |",
            "|---|" + "---|" * len(RULES)]
    for path, r in results:
        if isinstance(r, Invalid):
            continue
        out.append(f"| `{rel(path)}` | " +
                   " | ".join(SHORT[r.outcomes[k][0]] for k in RULES) + " |")
    inv = [(p, r) for p, r in results if isinstance(r, Invalid)]
    if inv:
        out += ["", "| invalid file | error | line | column |", "|---|---|---:|---:|"]
        for path, r in inv:
            out.append(f"| `{rel(path)}` | {r.message} | {r.line or ''} | {r.column or ''} |")
    return "\n".join(out)


def main(argv):
    fmt, check, base, paths = "text", False, None, []
    it = iter(argv)
    for a in it:
        if a == "--format":
            fmt = next(it)
        elif a.startswith("--format="):
            fmt = a.split("=", 1)[1]
        elif a == "--check-expect":
            check = True
        elif a == "--relative-to":
            base = next(it)
        elif a in ("-h", "--help"):
            print(__doc__)
            return 0
        else:
            paths.append(a)
    if not paths:
        print(__doc__, file=sys.stderr)
        return 2
    results = run(paths)
    if check:
        bad = 0
        for path, r in results:
            problems = check_expect(path, r)
            if problems:
                bad += 1
                for p in problems:
                    print(f"{path}: {p}")
        print(f"{len(results)} files, {bad} with mismatches")
        return 1 if bad else 0
    if fmt == "json":
        print(as_json(results))
    elif fmt == "markdown":
        print(as_markdown(results, base))
    else:
        print(as_text(results))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
