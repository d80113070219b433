#!/usr/bin/env python3
"""gen.py — writes a deterministic benchmark corpus of realistic energy reports.

    python3 bench/gen.py N OUTDIR [--seed S] [--stats]

Writes N reports (format v1, SPEC section 2) as OUTDIR/dNNN/rNNNNNNN.xml, 1000
files to a folder. Same N and seed -> byte-identical files. Each report:

- is 2-4 KB, UTF-8 (about 1 in 10 is GB18030, as Chinese enterprise software
  writes them; the XML declaration says so);
- mixes energy types and units (coal in t or kg, electricity in kWh, MWh or
  10k-kWh, gases in m3 or 10k-m3, heat in MJ or GJ, oils, steam, `other` with
  a declared coefficient, exported electricity or heat);
- has a total of about 40 % at or over 1000 tce (the responsibility-letter
  tier), the rest spread below it;
- has management flags, equipment (some obsolete earth kilns still operating),
  projects, a previous year, water, a declared total, each present or not;
- carries a valid GB 32100 credit code, distinct per report, and is valid
  against rules/report-v1.xsd (xmllint --schema checks that in bench/run.sh).

Standard library only. --stats prints the share over 1000 tce (computed
exactly with fractions) and the size range.
"""

import argparse
import os
import random
import sys
from fractions import Fraction as F

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

# Regions of Gansu (甘肃) counties: realistic administrative division codes.
REGIONS = ["620922", "620921", "620902", "620981", "620982", "620923", "620924", "620102", "620103", "620105"]

# type -> (family, reference kgce per base unit, units it is written in)
TYPES = {
    "raw-coal": ("mass", F("0.7143"), ["t", "t", "kg"]),
    "cleaned-coal": ("mass", F("0.9000"), ["t"]),
    "coke": ("mass", F("0.9714"), ["t", "kg"]),
    "fuel-oil": ("mass", F("1.4286"), ["t"]),
    "gasoline": ("mass", F("1.4714"), ["t", "kg"]),
    "diesel": ("mass", F("1.4571"), ["t", "kg"]),
    "lpg": ("mass", F("1.7143"), ["kg", "t"]),
    "natural-gas": ("volume", F("1.2143"), ["10k-m3", "m3"]),
    "coke-oven-gas": ("volume", F("0.5714"), ["10k-m3"]),
    "blast-furnace-gas": ("volume", F("0.1286"), ["10k-m3"]),
    "electricity": ("electricity", F("0.1229"), ["10k-kWh", "kWh", "MWh"]),
    "heat": ("heat", F("0.03412"), ["GJ", "MJ"]),
    "steam": ("mass", F("0.1286"), ["t"]),
}
FACTORS = {"t": 1000, "kg": 1, "m3": 1, "10k-m3": 10000, "kWh": 1, "MWh": 1000, "10k-kWh": 10000,
           "MJ": 1, "GJ": 1000}
# `other` items: a measured coefficient in kgce per base unit, any family.
OTHER = [("biomass pellets", "t", "0.5000"), ("waste heat recovered", "GJ", "0.0341"),
         ("coal gangue", "t", "0.2857"), ("producer gas", "10k-m3", "0.1786")]

TOWNS = ["瓜州", "渊泉", "锁阳城", "双塔", "布隆吉", "河东", "西湖", "腰站子", "沙河", "广至", "柳园", "七墩", "梁湖", "三道沟"]
TRADES = [
    ("B08", "黑色金属矿采选业", "矿产"), ("B10", "非金属矿采选业", "石材"),
    ("C30", "非金属矿物制品业", "建材"), ("C3011", "水泥制造", "水泥"), ("C3012", "石灰和石膏制造", "石灰"),
    ("C31", "黑色金属冶炼和压延加工业", "冶炼"), ("C3140", "铁合金冶炼", "硅铁"),
    ("C13", "农副食品加工业", "农产品加工"), ("C26", "化学原料和化学制品制造业", "化工"),
    ("D44", "电力、热力生产和供应业", "热电"), ("B06", "煤炭开采和洗选业", "煤业"),
    ("C17", "纺织业", "棉纺"), ("C15", "酒、饮料和精制茶制造业", "酿造"),
]
FORMS = ["有限责任公司", "有限公司", "股份有限公司", "厂", "实业有限公司", "集团有限公司"]
WORDS = ["宏运", "金源", "天启", "鑫源", "亚泰", "西域", "沙业", "墨峰", "内外", "锁阳", "红岭", "北河湾",
         "祁连", "昌盛", "兴隆", "丰源", "华瑞", "恒通", "永固", "新材", "大地", "光明", "聚能", "安泰"]
KINDS = ["earth-kiln", "lime-kiln", "rotary-kiln", "boiler", "arc-furnace", "submerged-arc-furnace",
         "ball-mill", "crusher", "air-compressor", "transformer", "pump", "dryer"]
PROJECT_NAMES = ["10万吨硅铁合金", "余热发电", "节能石灰窑改造", "年产30万吨水泥粉磨", "光伏发电二期",
                 "燃煤锅炉改造", "新型干法生产线", "变频节能改造", "煤矸石综合利用", "污水回用"]


def gb11714_check(body8):
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    c = 11 - sum(int(d) * x for d, x in zip(body8, w)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def gb32100_check(first17):
    s = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS))
    return CHARSET[(31 - s % 31) % 31]


def credit_code(index, rng):
    """Distinct per index: the organization code's 8 digits encode it."""
    body = "%08d" % ((index * 7919 + 10000019) % 100000000)
    if body[0] == "0":
        body = "1" + body[1:]
    f17 = "91" + rng.choice(REGIONS) + body + gb11714_check(body)
    return f17 + gb32100_check(f17)


def dec(x, places):
    """A positive Fraction written with `places` decimals (truncated; never '12.' or '.5')."""
    scaled = int(x * 10 ** places)
    if scaled <= 0:
        scaled = 1
    s = str(scaled)
    if places == 0:
        return s
    s = s.rjust(places + 1, "0")
    head, tail = s[:-places], s[-places:].rstrip("0")
    return head + ("." + tail if tail else "")


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


def report(index, rng):
    """Returns (xml text, encoding, total tce as a Fraction)."""
    trade = rng.choice(TRADES)
    code = credit_code(index, rng)
    name = rng.choice(TOWNS) + "县" + rng.choice(WORDS) + rng.choice(WORDS) + trade[2] + rng.choice(FORMS)
    year = rng.choice([2011, 2011, 2011, 2012, 2010])
    commissioned = year if rng.random() < 0.06 else rng.randint(1985, year - 1)

    # The total: about 40 % at or over 1000 tce, log-spread from 20 to 60,000 tce.
    if rng.random() < 0.39:
        target = F(round(1000 * (60 ** rng.random()), 2)).limit_denominator(100) + 5
    else:
        target = F(round(20 * (49 ** rng.random()), 2)).limit_denominator(100)
        target = min(target, F(980))

    kinds = list(TYPES)
    n_items = rng.randint(4, 11)
    chosen = ["electricity"] + rng.sample([k for k in kinds if k != "electricity"], n_items - 1)
    shares = [rng.random() + 0.2 for _ in chosen]
    whole = sum(shares)
    items, total = [], F(0)
    for t, share in zip(chosen, shares):
        family, ref, units = TYPES[t]
        unit = rng.choice(units)
        part = target * F(share / whole).limit_denominator(1000)
        declared = None
        coef = ref
        if t in ("natural-gas", "coke-oven-gas") and rng.random() < 0.5:
            lo, hi = (F("1.1000"), F("1.3300")) if t == "natural-gas" else (F("0.5714"), F("0.6143"))
            coef = lo + (hi - lo) * F(rng.randint(0, 100), 100)
            if rng.random() < 0.05:
                coef = hi + F(1, 100)        # out of range: coefficient-range fails, reference used
            declared = dec(coef, 4)
            coef = F(declared)
            if not (lo <= coef <= hi):
                coef = ref
        elif rng.random() < 0.1:
            coef = ref * F(100 + rng.randint(-4, 4), 100)
            declared = dec(coef, 4)
            coef = F(declared)
        places = 0 if unit in ("kg", "m3", "kWh", "MJ") else rng.choice([1, 2, 3])
        qty = part * 1000 / (coef * FACTORS[unit])
        q = dec(qty, places)
        total += F(q) * FACTORS[unit] * coef / 1000
        items.append((t, unit, q, declared, False))
    if rng.random() < 0.25:
        t = rng.choice(OTHER)
        q = dec(target * F(rng.randint(2, 15), 100) * 1000 / (F(t[2]) * FACTORS[t[1]]), 0)
        items.append(("other", t[1], q, t[2], False))
        total += F(q) * FACTORS[t[1]] * F(t[2]) / 1000
    if rng.random() < 0.08:
        unit = rng.choice(["kWh", "10k-kWh"])
        q = dec(target * F(rng.randint(1, 15), 100) * 1000 / (F("0.1229") * FACTORS[unit]), 0 if unit == "kWh" else 2)
        items.append(("electricity", unit, q, None, True))
        total -= F(q) * FACTORS[unit] * F("0.1229") / 1000

    va = F(rng.randint(50, 200000), 10)            # 10k CNY
    va_text = dec(va, 1) if rng.random() < 0.8 else dec(va * 10000, 0)
    va_unit = "10k-CNY" if "." in va_text or len(va_text) < 7 else "CNY"

    out = []
    w = out.append
    w('<EnergyReport xmlns="urn:tce:energy-report:1" version="1">\n')
    w("  <!-- 企业能源消费年报 / annual energy report; 填报单位: %s; 报表编号 %s-%d-%06d -->\n"
      % (esc(name), code[2:8], year, index))
    w("  <Enterprise>\n")
    w("    <Name>%s</Name>\n" % esc(name))
    w("    <CreditCode>%s</CreditCode>\n" % code)
    if rng.random() < 0.9:
        w('    <Industry code="%s">%s</Industry>\n' % (trade[0], trade[1]))
    if rng.random() < 0.85:
        w("    <CommissionedYear>%d</CommissionedYear>\n" % commissioned)
    w("  </Enterprise>\n")
    w("  <ReportingYear>%d</ReportingYear>\n" % year)
    w("  <Energy>\n")
    for t, unit, q, declared, exported in items:
        attrs = ' type="%s" unit="%s"' % (t, unit)
        if declared:
            attrs += ' coefficient="%s"' % declared
        if exported:
            attrs += ' use="exported"'
        w("    <Item%s>%s</Item>\n" % (attrs, q))
    if rng.random() < 0.6:
        off = F(rng.choice([0, 0, 0, 1, -1, 3, -5, 20]), 1000)   # mostly within 1 %
        w('    <DeclaredTotal unit="tce">%s</DeclaredTotal>\n' % dec(abs(total * (1 + off)), 1))
    w("  </Energy>\n")
    w("  <Economics>\n")
    w('    <IndustrialValueAdded unit="%s">%s</IndustrialValueAdded>\n' % (va_unit, va_text))
    w("  </Economics>\n")
    if rng.random() < 0.7:
        water = va * rng.randint(5, 120)
        unit = rng.choice(["m3", "m3", "t", "10k-m3"])
        w("  <Water>\n")
        w('    <Withdrawal unit="%s">%s</Withdrawal>\n' % (unit, dec(water / (10000 if unit == "10k-m3" else 1), 2)))
        w("  </Water>\n")
    if rng.random() < 0.7:
        prev_va = va * F(rng.randint(80, 115), 100)
        prev_total = abs(total) * F(rng.randint(85, 125), 100) + 1
        w('  <PreviousYear year="%d">\n' % (year - 1))
        w('    <EnergyTotal unit="tce">%s</EnergyTotal>\n' % dec(prev_total, 1))
        w('    <IndustrialValueAdded unit="10k-CNY">%s</IndustrialValueAdded>\n' % dec(prev_va, 1))
        w("  </PreviousYear>\n")
    if rng.random() < 0.9:
        big = total >= 1000
        w("  <Management>\n")
        if rng.random() < 0.85:
            signed = rng.random() < (0.85 if big else 0.3)
            date = ' date="%d-%02d-%02d"' % (year + 1, rng.randint(1, 4), rng.randint(1, 28)) if signed else ""
            w('    <ResponsibilityLetter signed="%s"%s/>\n' % ("true" if signed else "false", date))
        if rng.random() < 0.8:
            w('    <Benchmarking status="%s"/>\n' % rng.choice(["none", "in-progress", "completed", "completed"]))
        if rng.random() < 0.8:
            w('    <EnergyAudit completed="%s"/>\n' % rng.choice(["true", "false", "true"]))
        if rng.random() < 0.85:
            w('    <EnergyManagementOrganization established="%s"/>\n' % rng.choice(["true", "true", "false"]))
        if rng.random() < 0.85:
            w('    <EnergyManagementSystem established="%s"/>\n' % rng.choice(["true", "true", "false"]))
        if rng.random() < 0.5:
            w('    <EnergyQuota unit="tce">%s</EnergyQuota>\n' % dec(abs(total) * F(rng.randint(90, 130), 100) + 1, 0))
        w("  </Management>\n")
    if rng.random() < 0.75:
        w("  <Equipment>\n")
        for _ in range(rng.randint(2, 9)):
            kind = rng.choice(KINDS)
            status = rng.choice(["operating", "operating", "idle", "dismantled"])
            if kind == "earth-kiln" and rng.random() < 0.7:
                status = "dismantled"
            count = ' count="%d"' % rng.randint(1, 12) if rng.random() < 0.7 else ""
            w('    <Unit kind="%s"%s status="%s"/>\n' % (kind, count, status))
        w("  </Equipment>\n")
    if rng.random() < 0.5:
        w("  <Projects>\n")
        for k in range(rng.randint(1, 5)):
            status = rng.choice(["planned", "under-construction", "operating"])
            review = rng.choice(["approved", "approved", "approved", "pending", "none"])
            w('    <Project id="P-%d-%02d" name="%s" status="%s" energyReview="%s"/>\n'
              % (year, k + 1, rng.choice(PROJECT_NAMES), status, review))
        w("  </Projects>\n")
    w("</EnergyReport>\n")
    body = "".join(out)
    encoding = "GB18030" if rng.random() < 0.1 else "UTF-8"
    return body, encoding, total


NOTES = [
    "  <!-- 填报说明: 本表按《综合能耗计算通则》(GB/T 2589-2020)折算标准煤; 电力、热力按当量值折算。"
    "Filled in per GB/T 2589-2020; electricity and heat at their equivalent value. -->\n",
    "  <!-- 数据来源: 企业能源计量台账、购销发票及电力公司结算单; source: metering ledger, invoices, utility bills -->\n",
    "  <!-- 联系人: 能源管理岗 %s; 电话 0937-55%05d; 审核: 企业负责人 -->\n",
    "  <!-- 报送系统: 县工信局重点用能单位能耗在线填报 v3.2; exported by the county's online filing system -->\n",
]


def render(body, encoding, rng):
    """Adds filing notes, as report software does (each once, more only to reach 2 KB), up to a size drawn from
    2.1-3.9 KB and at least 2 KB, and encodes."""
    head = '<?xml version="1.0" encoding="%s"?>\n' % encoding
    codec = "gb18030" if encoding == "GB18030" else "utf-8"
    want = rng.randint(2150, 3900)
    text = head + body
    k = 0
    while True:
        note = NOTES[k % len(NOTES)]
        if "%" in note:
            note = note % (rng.choice(["王", "李", "张", "刘", "陈", "杨"]) + rng.choice(["明", "华", "军", "芳", "强"]),
                           rng.randint(0, 99999))
        cut = text.index("\n", text.index("<EnergyReport")) + 1
        longer = text[:cut] + note + text[cut:]
        if len(text.encode(codec)) >= 2048 and (k >= len(NOTES) or len(longer.encode(codec)) > want):
            break
        text, k = longer, k + 1
    return text.encode(codec)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("n", type=int)
    p.add_argument("outdir")
    p.add_argument("--seed", type=int, default=2012)
    p.add_argument("--stats", action="store_true")
    a = p.parse_args()
    over, sizes = 0, []
    for i in range(a.n):
        rng = random.Random(a.seed * 1_000_003 + i)   # per file: any prefix of a corpus is a corpus
        body, encoding, total = report(i, rng)
        data = render(body, encoding, rng)
        folder = os.path.join(a.outdir, "d%03d" % (i // 1000))
        if i % 1000 == 0:
            os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, "r%07d.xml" % i), "wb") as f:
            f.write(data)
        over += total >= 1000
        sizes.append(len(data))
    if a.stats:
        print("%d reports, %.1f %% at or over 1000 tce, %d-%d bytes (mean %d), %d bytes in all"
              % (a.n, 100.0 * over / max(a.n, 1), min(sizes), max(sizes), sum(sizes) // max(a.n, 1), sum(sizes)))


if __name__ == "__main__":
    sys.exit(main())
