#!/usr/bin/env python3
"""gen-report-data.py — writes the report fixtures of the tce project.

    python3 scripts/gen-report-data.py            # from the repository root

Writes rules/examples/<rule-id>/{pass,fail,na}-<slug>.xml, samples/*.xml,
samples/invalid/*.xml, samples/README.md and rules/examples/README.md from
the definitions below, overwriting them. It deletes nothing: after renaming
an example here, remove the old file by hand. The output is deterministic
(seeded random numbers for the credit codes).

Each example carries `<!-- expect: ... -->` right after the root start tag:
the derived facts (key=exact decimal, key~rounded half-even to 6 places,
key=n/a) computed here with fractions.Fraction, and the expected outcome
of the example's rule. scripts/sample-facts.py --check-expect verifies them
with an independent implementation of the facts and all 13 rules.
Standard library only.
"""

import os
import random
import re
import shutil
import subprocess
import sys
from fractions import Fraction as F

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EX = os.path.join(ROOT, "rules", "examples")
SA = os.path.join(ROOT, "samples")

# ----------------------------------------------------------- credit codes --

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]


def gb32100_check(first17):
    s = sum(CHARSET.index(c) * w for c, w in zip(first17, WEIGHTS))
    v = 31 - s % 31
    return CHARSET[0 if v == 31 else v]


def gb11714_check(body8):
    """Check character of the 9-character organization code (GB 11714)."""
    w = [3, 7, 9, 10, 5, 8, 4, 2]
    c = 11 - sum(int(d) * x for d, x in zip(body8, w)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


REGION = "620922"  # 甘肃省酒泉市瓜州县
USED = set()


def credit(rng, want_check=None):
    """A valid code 91 + 620922 + organization code (8 digits + check) + check.
    The code of an enterprise registered before 2015: the old organization
    code inside, as the GB 32100 conversion did."""
    while True:
        body = "".join(rng.choice("0123456789") for _ in range(8))
        if body[0] == "0":
            continue
        f17 = "91" + REGION + body + gb11714_check(body)
        code = f17 + gb32100_check(f17)
        if code in USED:
            continue
        if want_check is not None and not want_check(code[17]):
            continue
        USED.add(code)
        return code


def corrupt_check(code):
    """Same first 17 characters, a different (wrong) check character."""
    i = CHARSET.index(code[17])
    return code[:17] + CHARSET[(i + 7) % 31]


# -------------------------------------------------------------- numbers --

def dec(x):
    """Exact decimal string of a terminating Fraction (no trailing zeros)."""
    x = F(x)
    p = 0
    while (x * 10 ** p).denominator != 1:
        p += 1
        if p > 40:
            raise ValueError(f"{x} does not terminate")
    n = abs(x.numerator * 10 ** p // x.denominator)
    s = str(n).rjust(p + 1, "0")
    out = s if p == 0 else (s[:-p] + "." + s[-p:]).rstrip("0").rstrip(".")
    return ("-" if x < 0 else "") + out


def fact(x):
    if x is None:
        return "=n/a"
    try:
        return "=" + dec(x)
    except ValueError:
        r = F(round(x * 10 ** 6), 10 ** 6)
        return "~" + dec(r)


# kgce per base unit; (low, high) of an accepted declared coefficient
COEF = {
    "raw-coal": "0.7143", "cleaned-coal": "0.9000", "coke": "0.9714",
    "crude-oil": "1.4286", "fuel-oil": "1.4286", "gasoline": "1.4714",
    "kerosene": "1.4714", "diesel": "1.4571", "lpg": "1.7143",
    "refinery-gas": "1.5714", "natural-gas": "1.2143", "coke-oven-gas": "0.5714",
    "blast-furnace-gas": "0.1286", "electricity": "0.1229", "heat": "0.03412",
    "steam": "0.1286",
}
RANGE = {"natural-gas": ("1.1000", "1.3300"), "coke-oven-gas": ("0.5714", "0.6143")}
BASE = {"kg": 1, "t": 1000, "m3": 1, "10k-m3": 10000, "kWh": 1, "MWh": 1000,
        "10k-kWh": 10000, "MJ": 1, "GJ": 1000}
MONEY = {"CNY": F(1, 10000), "10k-CNY": F(1)}
WATER = {"m3": 1, "10k-m3": 10000, "t": 1}


def coef_used(t, declared):
    if t == "other":
        return F(declared)
    ref = F(COEF[t])
    if declared is None:
        return ref
    lo, hi = (F(RANGE[t][0]), F(RANGE[t][1])) if t in RANGE else (ref * F(95, 100), ref * F(105, 100))
    return F(declared) if lo <= F(declared) <= hi else ref


def item_tce(it):
    t, unit, q, coef, use = it
    v = F(q) * BASE[unit] * coef_used(t, coef) / 1000
    return -v if use == "exported" else v


def I(t, unit, q, coef=None, exported=False):
    return (t, unit, str(q), coef, "exported" if exported else None)


def total(items):
    return sum((item_tce(i) for i in items), F(0))


def coal_elec(target, coal_share=F(6, 10), elec_unit="kWh", extra=()):
    """raw-coal (t, up to 3 decimals) + electricity (integer kWh) items whose
    total with `extra` is exactly `target` tce."""
    rest = F(target) - total(extra)
    N = rest * 10 ** 7                # 7143*kg + 1229*kWh = N
    assert N.denominator == 1, (target, rest)
    N = N.numerator
    y0 = N * pow(7143, -1, 1229) % 1229
    want = int(N * coal_share / 7143)
    y = want - (want - y0) % 1229
    x = (N - 7143 * y) // 1229
    assert y > 0 and x > 0 and 7143 * y + 1229 * x == N
    elec = dec(F(x) / BASE[elec_unit])
    items = [I("raw-coal", "t", dec(F(y, 1000))), I("electricity", elec_unit, elec)] + list(extra)
    assert total(items) == F(target)
    return items


# ---------------------------------------------------------------- builder --

def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


GOOD_MGMT = dict(letter=(True, "2012-02-20"), bench="completed", audit=True, org=True, sys=True)


class R:
    """One report. mgmt: dict (keys letter, bench, audit, org, sys, quota;
    a missing key omits the element) or None (no Management element)."""

    def __init__(self, name, code, items, va=("10k-CNY", "2000"), year=2011,
                 industry=None, commissioned=None, declared=None, water=None,
                 prev=None, mgmt="good", equipment=None, projects=None,
                 encoding="UTF-8", bom=False, comments=()):
        self.__dict__.update(locals())
        del self.__dict__["self"]
        if mgmt == "good":
            self.mgmt = dict(GOOD_MGMT)

    # facts, computed independently of scripts/sample-facts.py
    def facts(self):
        T = total(self.items)
        va = F(self.va[1]) * MONEY[self.va[0]]
        ei = T / va if va > 0 else None
        wi = None
        if self.water not in (None, "empty") and va > 0:
            wi = F(self.water[1]) * WATER[self.water[0]] / va
        pi = dec_ = None
        if self.prev is not None:
            pyear, ptot, (pu, pva) = self.prev
            pva = F(pva) * MONEY[pu]
            if pva > 0:
                pi = F(ptot) / pva
            if pi and ei is not None:
                dec_ = (pi - ei) / pi
        return [("totalTce", T), ("energyIntensity", ei), ("waterIntensity", wi),
                ("previousEnergyIntensity", pi), ("intensityDecline", dec_)]

    def total(self):
        return total(self.items)

    def xml(self, expect):
        L = [f'<?xml version="1.0" encoding="{self.encoding}"?>',
             '<EnergyReport xmlns="urn:tce:energy-report:1" version="1">',
             f"  <!-- expect: {expect} -->"]
        L += [f"  <!-- {c} -->" for c in self.comments]
        L.append("  <Enterprise>")
        L.append(f"    <Name>{esc(self.name)}</Name>")
        L.append(f"    <CreditCode>{self.code}</CreditCode>")
        if self.industry:
            L.append(f'    <Industry code="{self.industry[0]}">{esc(self.industry[1])}</Industry>')
        if self.commissioned:
            L.append(f"    <CommissionedYear>{self.commissioned}</CommissionedYear>")
        L.append("  </Enterprise>")
        L.append(f"  <ReportingYear>{self.year}</ReportingYear>")
        L.append("  <Energy>")
        for t, unit, q, coef, use in self.items:
            a = f'type="{t}" unit="{unit}"'
            if coef is not None:
                a += f' coefficient="{coef}"'
            if use:
                a += f' use="{use}"'
            L.append(f"    <Item {a}>{q}</Item>")
        if self.declared is not None:
            L.append(f'    <DeclaredTotal unit="tce">{self.declared}</DeclaredTotal>')
        L.append("  </Energy>")
        L.append("  <Economics>")
        L.append(f'    <IndustrialValueAdded unit="{self.va[0]}">{self.va[1]}</IndustrialValueAdded>')
        L.append("  </Economics>")
        if self.water == "empty":
            L.append("  <Water/>")
        elif self.water is not None:
            L.append("  <Water>")
            L.append(f'    <Withdrawal unit="{self.water[0]}">{self.water[1]}</Withdrawal>')
            L.append("  </Water>")
        if self.prev is not None:
            pyear, ptot, (pu, pva) = self.prev
            L.append(f'  <PreviousYear year="{pyear}">')
            L.append(f'    <EnergyTotal unit="tce">{ptot}</EnergyTotal>')
            L.append(f'    <IndustrialValueAdded unit="{pu}">{pva}</IndustrialValueAdded>')
            L.append("  </PreviousYear>")
        if self.mgmt is not None:
            m = self.mgmt
            if not m:
                L.append("  <Management/>")
            else:
                L.append("  <Management>")
                if "letter" in m:
                    signed, date = m["letter"]
                    d = f' date="{date}"' if date else ""
                    L.append(f'    <ResponsibilityLetter signed="{str(signed).lower()}"{d}/>')
                if "bench" in m:
                    L.append(f'    <Benchmarking status="{m["bench"]}"/>')
                if "audit" in m:
                    L.append(f'    <EnergyAudit completed="{str(m["audit"]).lower()}"/>')
                if "org" in m:
                    L.append(f'    <EnergyManagementOrganization established="{str(m["org"]).lower()}"/>')
                if "sys" in m:
                    L.append(f'    <EnergyManagementSystem established="{str(m["sys"]).lower()}"/>')
                if "quota" in m:
                    L.append(f'    <EnergyQuota unit="tce">{m["quota"]}</EnergyQuota>')
                L.append("  </Management>")
        if self.equipment is not None:
            if not self.equipment:
                L.append("  <Equipment/>")
            else:
                L.append("  <Equipment>")
                for kind, count, status in self.equipment:
                    c = f' count="{count}"' if count is not None else ""
                    L.append(f'    <Unit kind="{kind}"{c} status="{status}"/>')
                L.append("  </Equipment>")
        if self.projects is not None:
            if not self.projects:
                L.append("  <Projects/>")
            else:
                L.append("  <Projects>")
                for pid, pname, status, review in self.projects:
                    L.append(f'    <Project id="{pid}" name="{esc(pname)}" status="{status}" '
                             f'energyReview="{review}"/>')
                L.append("  </Projects>")
        L.append("</EnergyReport>")
        return "\n".join(L) + "\n"

    def write(self, path, expect_tail):
        facts = "; ".join(k + fact(v) for k, v in self.facts())
        text = self.xml(f"{facts}; {expect_tail}")
        data = text.encode(self.encoding.lower())
        if self.bom:
            data = b"\xef\xbb\xbf" + data
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        WRITTEN.append(path)


WRITTEN = []



# ============================================================= examples ==

rng = random.Random(20120220)
PLACES = iter("""丰源 瑞通 金鑫 鑫成 真源 永发 黑石 祁连 三道沟 腾达 安西 布隆吉 河东 疏勒 双塔
锦华 西湖 宏达 恒源 新华 芨芨台 梧桐沟 大泉 红柳园 柳园 泰和 长城 金泉 晨光 锁阳 渊泉 三危
东巴兔 北大桥 新民 腰站子 红山 沙河 兴隆 明珠 金河 昌盛 大漠 东风 玉门关 桥湾 南岔 七墩 腰泉子
鼎新 白墩子 广至 敦煌路 兰新 踏实 祥瑞 河西 北山 清泉 聚丰 锦程 宏盛 柳沟 瓜州口 利民 天成
金石 恒昌 瀚海 绿洲 雅丹 西部 宏福 安远 蓝天 常乐 东湖 晶鑫 聚源 新瑞 鑫源 天润 华源 福瑞
万隆 金达 顺达 宏泰 汇丰 盛源 嘉禾 永盛 昊天 通达 鸿运 隆盛 富民 康达 金阳 瑞丰 星火 宏图
众诚 德润 光明 胜利 前进 建新 百花 金穗 三元 五星 长丰 天山 阳关""".split())
INDUSTRIES = {
    "mine": ("B08", "黑色金属矿采选业"), "nonferrous": ("B09", "有色金属矿采选业"),
    "coal": ("B06", "煤炭开采和洗选业"), "cement": ("C3011", "水泥制造"),
    "lime": ("C3012", "石灰和石膏制造"), "ferroalloy": ("C3140", "铁合金冶炼"),
    "food": ("C13", "农副食品加工业"), "brick": ("C3031", "粘土砖瓦及建筑砌块制造"),
    "pv": ("D4416", "太阳能发电"), "sic": ("C3099", "其他非金属矿物制品制造"),
    "smelting": ("C3110", "炼铁"), "stone": ("B1012", "建筑装饰用石开采"),
    "heat": ("D4430", "热力生产和供应"), "chemical": ("C26", "化学原料和化学制品制造业"),
}


def ex(rule, fname, outcome, **kw):
    if "name" not in kw:
        kw["name"] = "瓜州县" + next(PLACES) + TRADE[kw["industry"][0]]
    kw.setdefault("code", credit(rng))
    r = R(**kw)
    outcome_text = {"na": "not-applicable"}.get(outcome, outcome)
    r.write(os.path.join(EX, rule, fname), f"rule {rule} = {outcome_text}")
    return r

TRADE = {INDUSTRIES[k][0]: v for k, v in dict(
    mine="矿业有限责任公司", nonferrous="铜业有限公司", coal="煤业有限公司",
    cement="水泥有限责任公司", lime="石灰有限公司", ferroalloy="铁合金有限公司",
    food="食品有限公司", brick="砖瓦有限公司", pv="光伏发电有限公司", sic="碳化硅有限公司",
    smelting="冶炼有限公司", stone="石材有限公司", heat="热电有限公司",
    chemical="化工有限公司").items()}


def ind(k):
    return INDUSTRIES[k]


# ---------------------------------------------------- responsibility-letter
rule = "responsibility-letter"
ex(rule, "pass-signed-above-threshold.xml", "pass", industry=ind("mine"), items=[
    I("raw-coal", "t", "1800"), I("electricity", "10k-kWh", "520"), I("diesel", "t", "35")],
    va=("10k-CNY", "3100"))
ex(rule, "pass-exactly-1000.xml", "pass", industry=ind("nonferrous"),
   items=coal_elec(1000, F(7, 10), "kWh"), va=("10k-CNY", "1180"))
ex(rule, "fail-exactly-1000-unsigned.xml", "fail", industry=ind("mine"),
   items=coal_elec(1000, F(1, 2), "10k-kWh", extra=[I("diesel", "t", "42.5")]),
   va=("10k-CNY", "1320"), mgmt=dict(GOOD_MGMT, letter=(False, None)))
ex(rule, "fail-not-reported-no-management.xml", "fail", industry=ind("brick"), items=[
    I("raw-coal", "t", "1650"), I("electricity", "MWh", "2860")], mgmt=None)
ex(rule, "fail-not-reported-no-letter.xml", "fail", industry=ind("food"), items=[
    I("raw-coal", "kg", "1480000"), I("electricity", "kWh", "3250000"), I("diesel", "t", "18")],
    mgmt={k: v for k, v in GOOD_MGMT.items() if k != "letter"})
ex(rule, "na-just-below-1000.xml", "na", industry=ind("nonferrous"),
   items=coal_elec(F("999.9999"), F(6, 10), "kWh"), va=("10k-CNY", "1150"),
   mgmt=dict(org=True, sys=True))
ex(rule, "na-exported-brings-below-1000.xml", "na", industry=ind("heat"), items=[
    I("raw-coal", "t", "1200"), I("electricity", "10k-kWh", "200"),
    I("electricity", "kWh", "1000000", exported=True)],
    va=("10k-CNY", "860"), mgmt=dict(org=True, sys=True))
ex(rule, "na-net-exporter.xml", "na", industry=ind("pv"), items=[
    I("electricity", "10k-kWh", "12"), I("electricity", "10k-kWh", "1650", exported=True)],
    va=("10k-CNY", "1900"), mgmt=dict(org=True, sys=True))

# ------------------------------------------------------- energy-management
rule = "energy-management"
ex(rule, "pass-key-enterprise.xml", "pass", industry=ind("mine"), items=[
    I("raw-coal", "t", "2300"), I("electricity", "10k-kWh", "410")], va=("10k-CNY", "3800"))
ex(rule, "fail-organization-not-established.xml", "fail", industry=ind("cement"), items=[
    I("raw-coal", "t", "2600"), I("electricity", "10k-kWh", "380")],
    mgmt=dict(GOOD_MGMT, org=False))
ex(rule, "fail-not-reported-system-missing.xml", "fail", industry=ind("lime"), items=[
    I("raw-coal", "t", "1900"), I("electricity", "kWh", "870000")],
    mgmt={k: v for k, v in GOOD_MGMT.items() if k != "sys"})
ex(rule, "fail-not-reported-no-management.xml", "fail", industry=ind("brick"), items=[
    I("raw-coal", "t", "1500"), I("electricity", "kWh", "640000")], mgmt=None)
ex(rule, "pass-commissioned-this-year-small.xml", "pass", industry=ind("food"),
   commissioned=2011, items=[I("raw-coal", "t", "95"), I("electricity", "kWh", "210000")],
   va=("10k-CNY", "320"), mgmt=dict(org=True, sys=True))
ex(rule, "fail-commissioned-this-year-small.xml", "fail", industry=ind("ferroalloy"),
   commissioned=2011, items=[I("electricity", "10k-kWh", "180"), I("coke", "t", "45")],
   va=("10k-CNY", "260"), mgmt=dict(org=True, sys=False))
ex(rule, "fail-commissioned-this-year-not-reported.xml", "fail", industry=ind("chemical"),
   commissioned=2011, items=[I("electricity", "MWh", "640"), I("natural-gas", "m3", "52000")],
   va=("10k-CNY", "410"), mgmt=None)
ex(rule, "na-small-commissioned-earlier.xml", "na", industry=ind("food"), commissioned=2008,
   items=[I("raw-coal", "t", "260"), I("electricity", "kWh", "380000")], va=("10k-CNY", "520"),
   mgmt=None)
ex(rule, "na-small-no-commissioned-year.xml", "na", industry=ind("stone"),
   items=[I("diesel", "t", "48"), I("electricity", "kWh", "460000")], va=("10k-CNY", "390"),
   mgmt=dict(org=False, sys=False))

# -------------------------------------------------- efficiency-benchmarking
rule = "efficiency-benchmarking"
ex(rule, "pass-exactly-3000-completed.xml", "pass", industry=ind("mine"),
   items=coal_elec(3000, F(1, 2), "10k-kWh", extra=[I("diesel", "t", "120")]),
   va=("10k-CNY", "4100"))
ex(rule, "pass-in-progress.xml", "pass", industry=ind("nonferrous"), items=[
    I("raw-coal", "t", "2100"), I("electricity", "10k-kWh", "2200"), I("diesel", "t", "160")],
    va=("10k-CNY", "5200"), mgmt=dict(GOOD_MGMT, bench="in-progress"))
ex(rule, "fail-exactly-3000-none.xml", "fail", industry=ind("mine"),
   items=coal_elec(3000, F(4, 10), "kWh"), va=("10k-CNY", "3900"),
   mgmt=dict(GOOD_MGMT, bench="none"))
ex(rule, "fail-not-reported.xml", "fail", industry=ind("ferroalloy"), items=[
    I("electricity", "10k-kWh", "2800"), I("coke", "t", "900")], va=("10k-CNY", "3300"),
    mgmt={k: v for k, v in GOOD_MGMT.items() if k != "bench"})
ex(rule, "na-just-below-3000.xml", "na", industry=ind("mine"),
   items=coal_elec(F("2999.9999"), F(5, 10), "kWh"), va=("10k-CNY", "3600"),
   mgmt=dict(GOOD_MGMT, bench="none"))

# ------------------------------------------------------------- energy-audit
rule = "energy-audit"
ex(rule, "pass-exactly-5000-completed.xml", "pass", industry=ind("cement"),
   items=coal_elec(5000, F(7, 10), "10k-kWh", extra=[I("diesel", "t", "85")]),
   va=("10k-CNY", "5600"))
ex(rule, "fail-exactly-5000-not-completed.xml", "fail", industry=ind("smelting"),
   items=coal_elec(5000, F(6, 10), "kWh", extra=[I("coke", "t", "1200")]),
   va=("10k-CNY", "4800"), mgmt=dict(GOOD_MGMT, audit=False))
ex(rule, "fail-not-reported.xml", "fail", industry=ind("sic"), items=[
    I("electricity", "10k-kWh", "4800"), I("raw-coal", "t", "900")], va=("10k-CNY", "6100"),
    mgmt=None)
ex(rule, "na-just-below-5000.xml", "na", industry=ind("cement"),
   items=coal_elec(F("4999.9999"), F(7, 10), "kWh"), va=("10k-CNY", "5300"),
   mgmt=dict(GOOD_MGMT, audit=False))

# ----------------------------------------------------------- water-intensity
rule = "water-intensity"
ex(rule, "pass-exactly-85.xml", "pass", industry=ind("food"), items=[
    I("raw-coal", "t", "620"), I("electricity", "kWh", "950000")],
    va=("10k-CNY", "2000"), water=("m3", "170000"))
ex(rule, "fail-just-above-85.xml", "fail", industry=ind("food"), items=[
    I("raw-coal", "t", "640"), I("electricity", "kWh", "980000")],
    va=("10k-CNY", "2000"), water=("m3", "170001"))
ex(rule, "pass-water-10k-m3-value-added-cny.xml", "pass", industry=ind("mine"), items=[
    I("raw-coal", "t", "1100"), I("electricity", "10k-kWh", "300")],
    va=("CNY", "13500000"), water=("10k-m3", "4.8"))
ex(rule, "pass-water-in-tonnes.xml", "pass", industry=ind("chemical"), items=[
    I("natural-gas", "10k-m3", "38"), I("electricity", "MWh", "1250")],
    va=("10k-CNY", "1200"), water=("t", "60000"))
ex(rule, "pass-exactly-85-tonnes-cny.xml", "pass", industry=ind("food"), items=[
    I("raw-coal", "t", "300"), I("electricity", "kWh", "520000")],
    va=("CNY", "7500000"), water=("t", "63750"))
ex(rule, "fail-water-10k-m3-value-added-cny.xml", "fail", industry=ind("food"), items=[
    I("raw-coal", "t", "380"), I("electricity", "MWh", "420")],
    va=("CNY", "8000000"), water=("10k-m3", "9.6"))
ex(rule, "na-value-added-zero.xml", "na", industry=ind("stone"), items=[
    I("diesel", "t", "22"), I("electricity", "kWh", "180000")],
    va=("10k-CNY", "0"), water=("m3", "5200"), mgmt=None)
ex(rule, "na-empty-water.xml", "na", industry=ind("mine"), items=[
    I("raw-coal", "t", "800"), I("electricity", "kWh", "900000")], water="empty")
ex(rule, "na-no-water.xml", "na", industry=ind("mine"), items=[
    I("raw-coal", "t", "700"), I("electricity", "kWh", "600000")])

# ------------------------------------------------------- intensity-reduction
rule = "intensity-reduction"
ex(rule, "pass-0.9-to-0.873-exactly-3-percent.xml", "pass", industry=ind("mine"),
   items=coal_elec(1746, F(6, 10), "kWh"), va=("10k-CNY", "2000"),
   prev=(2010, "900", ("10k-CNY", "1000")))
ex(rule, "pass-0.7-to-0.679-exactly-3-percent.xml", "pass", industry=ind("nonferrous"),
   items=coal_elec(1358, F(5, 10), "10k-kWh"), va=("10k-CNY", "2000"),
   prev=(2010, "700", ("10k-CNY", "1000")))
ex(rule, "fail-0.9-to-0.8731-just-under-3-percent.xml", "fail", industry=ind("mine"),
   items=coal_elec(F("1746.2"), F(6, 10), "kWh"), va=("10k-CNY", "2000"),
   prev=(2010, "900", ("10k-CNY", "1000")))
ex(rule, "pass-speech-0.9993-to-0.9693.xml", "pass", industry=ind("lime"),
   items=coal_elec(F("1938.6"), F(7, 10), "kWh"), va=("10k-CNY", "2000"),
   prev=(2010, "999.3", ("10k-CNY", "1000")))
ex(rule, "pass-value-added-in-cny.xml", "pass", industry=ind("cement"),
   items=coal_elec(2280, F(7, 10), "10k-kWh"), va=("CNY", "20000000"),
   prev=(2010, "1800", ("CNY", "15000000")))
ex(rule, "fail-intensity-rose.xml", "fail", industry=ind("brick"), items=[
    I("raw-coal", "t", "1400"), I("electricity", "kWh", "1620000")], va=("10k-CNY", "2000"),
    prev=(2010, "1000", ("10k-CNY", "2000")))
ex(rule, "na-value-added-zero.xml", "na", industry=ind("mine"), items=[
    I("raw-coal", "t", "1500"), I("electricity", "kWh", "1200000")], va=("10k-CNY", "0"),
    prev=(2010, "1300", ("10k-CNY", "1500")))
ex(rule, "na-previous-value-added-zero.xml", "na", industry=ind("ferroalloy"), items=[
    I("electricity", "10k-kWh", "900"), I("coke", "t", "300")], va=("10k-CNY", "1600"),
    prev=(2010, "120", ("10k-CNY", "0")))
ex(rule, "na-previous-energy-zero.xml", "na", industry=ind("ferroalloy"), items=[
    I("electricity", "10k-kWh", "950"), I("coke", "t", "260")], va=("10k-CNY", "1700"),
    prev=(2010, "0", ("10k-CNY", "300")))
ex(rule, "na-no-previous-year.xml", "na", industry=ind("mine"), items=[
    I("raw-coal", "t", "1600"), I("electricity", "kWh", "1500000")])
ex(rule, "na-below-1000.xml", "na", industry=ind("food"), items=[
    I("raw-coal", "t", "900"), I("electricity", "kWh", "800000")], va=("10k-CNY", "700"),
    prev=(2010, "500", ("10k-CNY", "700")))

# -------------------------------------------------------------- energy-quota
rule = "energy-quota"
ex(rule, "pass-within-quota.xml", "pass", industry=ind("mine"), items=[
    I("raw-coal", "t", "1700"), I("electricity", "10k-kWh", "330")],
    mgmt=dict(GOOD_MGMT, quota="1800"))
ex(rule, "pass-exactly-at-quota.xml", "pass", industry=ind("lime"),
   items=coal_elec(F("1850.5"), F(8, 10), "kWh"), mgmt=dict(GOOD_MGMT, quota="1850.5"))
ex(rule, "fail-just-over-quota.xml", "fail", industry=ind("lime"),
   items=coal_elec(F("1850.5001"), F(8, 10), "kWh"), mgmt=dict(GOOD_MGMT, quota="1850.5"))
ex(rule, "fail-over-quota-small-enterprise.xml", "fail", industry=ind("food"), items=[
    I("raw-coal", "t", "420"), I("electricity", "kWh", "510000")], va=("10k-CNY", "600"),
    mgmt=dict(quota="300"))
ex(rule, "na-no-quota.xml", "na", industry=ind("mine"), items=[
    I("raw-coal", "t", "1700"), I("electricity", "10k-kWh", "330")])

# --------------------------------------------------------- obsolete-capacity
rule = "obsolete-capacity"
ex(rule, "pass-earth-kiln-idle.xml", "pass", industry=ind("lime"), items=[
    I("raw-coal", "t", "640"), I("electricity", "kWh", "310000")], va=("10k-CNY", "560"),
    mgmt=None, equipment=[("earth-kiln", 3, "idle")])
ex(rule, "pass-earth-kiln-dismantled.xml", "pass", industry=ind("lime"), items=[
    I("raw-coal", "t", "710"), I("electricity", "kWh", "330000")], va=("10k-CNY", "610"),
    mgmt=None, equipment=[("earth-kiln", 7, "dismantled")])
ex(rule, "pass-no-equipment.xml", "pass", industry=ind("mine"), items=[
    I("raw-coal", "t", "500"), I("electricity", "kWh", "420000")], va=("10k-CNY", "700"))
ex(rule, "pass-empty-equipment.xml", "pass", industry=ind("mine"), items=[
    I("raw-coal", "t", "520"), I("electricity", "kWh", "430000")], va=("10k-CNY", "720"),
    equipment=[])
ex(rule, "pass-new-kilns-operating-earth-kilns-dismantled.xml", "pass", industry=ind("lime"),
   items=[I("raw-coal", "t", "1650"), I("electricity", "10k-kWh", "86")],
   va=("10k-CNY", "1450"), equipment=[("energy-saving-lime-kiln", 2, "operating"),
                                      ("earth-kiln", 7, "dismantled"),
                                      ("autoclave", None, "operating")])
ex(rule, "fail-earth-kiln-operating.xml", "fail", industry=ind("lime"), items=[
    I("raw-coal", "t", "520"), I("electricity", "kWh", "65000")], va=("10k-CNY", "235"),
    mgmt=None, equipment=[("earth-kiln", 3, "operating")])
ex(rule, "fail-one-earth-kiln-still-operating.xml", "fail", industry=ind("brick"), items=[
    I("raw-coal", "t", "460"), I("electricity", "kWh", "90000")], va=("10k-CNY", "300"),
    mgmt=None, equipment=[("earth-kiln", 6, "dismantled"), ("earth-kiln", None, "operating"),
                          ("energy-saving-lime-kiln", 1, "operating")])

# ----------------------------------------------------- project-energy-review
rule = "project-energy-review"
ex(rule, "pass-under-construction-approved.xml", "pass", industry=ind("ferroalloy"), items=[
    I("electricity", "10k-kWh", "260"), I("coke", "t", "80")], va=("10k-CNY", "500"),
    projects=[("P-2011-03", "10万吨硅铁合金", "under-construction", "approved")])
ex(rule, "pass-operating-approved-planned-pending.xml", "pass", industry=ind("mine"), items=[
    I("raw-coal", "t", "900"), I("electricity", "10k-kWh", "120")],
    projects=[("P-2010-01", "60万吨洗煤", "operating", "approved"),
              ("P-2012-02", "30万吨赤铁还原", "planned", "pending")])
ex(rule, "fail-under-construction-pending.xml", "fail", industry=ind("ferroalloy"), items=[
    I("electricity", "10k-kWh", "240"), I("coke", "t", "70")], va=("10k-CNY", "480"),
    projects=[("P-2011-03", "10万吨硅铁合金", "under-construction", "pending")])
ex(rule, "fail-operating-none.xml", "fail", industry=ind("sic"), items=[
    I("electricity", "10k-kWh", "600"), I("raw-coal", "t", "200")], va=("10k-CNY", "900"),
    projects=[("P-2011-07", "20万吨碳化硅", "operating", "none")])
ex(rule, "fail-one-of-two-not-approved.xml", "fail", industry=ind("stone"), items=[
    I("diesel", "t", "60"), I("electricity", "10k-kWh", "85")], va=("10k-CNY", "640"),
    projects=[("P-2011-11", "3000万平方米花岗岩板材加工", "under-construction", "approved"),
              ("P-2011-12", "石材废料综合利用", "operating", "pending")])
ex(rule, "na-planned-pending.xml", "na", industry=ind("smelting"), items=[
    I("electricity", "10k-kWh", "150"), I("diesel", "t", "30")], va=("10k-CNY", "400"),
    projects=[("P-2012-05", "30万吨铸铁生产", "planned", "pending")])
ex(rule, "na-no-projects.xml", "na", industry=ind("mine"), items=[
    I("raw-coal", "t", "600"), I("electricity", "10k-kWh", "90")])
ex(rule, "na-empty-projects.xml", "na", industry=ind("mine"), items=[
    I("raw-coal", "t", "610"), I("electricity", "10k-kWh", "95")], projects=[])

# ------------------------------------------------------------ declared-total
rule = "declared-total"
SPEC_ITEMS = [I("raw-coal", "t", "2100"), I("electricity", "10k-kWh", "560"),
              I("natural-gas", "10k-m3", "12.5", coef="1.2143"),
              I("electricity", "kWh", "150000", exported=True)]
ex(rule, "pass-within-1-percent.xml", "pass", industry=ind("mine"), items=SPEC_ITEMS,
   declared="2312.4", va=("10k-CNY", "13500"))
T2000 = coal_elec(2000, F(6, 10), "kWh")
ex(rule, "pass-exactly-plus-1-percent.xml", "pass", industry=ind("mine"), items=T2000,
   declared="2020")
ex(rule, "pass-exactly-minus-1-percent.xml", "pass", industry=ind("mine"), items=T2000,
   declared="1980.0000")
ex(rule, "fail-just-over-plus-1-percent.xml", "fail", industry=ind("mine"), items=T2000,
   declared="2020.0001")
ex(rule, "fail-just-under-minus-1-percent.xml", "fail", industry=ind("mine"), items=T2000,
   declared="1979.9999")
mass = [I("raw-coal", "t", "850"), I("raw-coal", "kg", "12500"), I("cleaned-coal", "t", "310.5"),
        I("coke", "kg", "86000"), I("diesel", "t", "42.25"), I("gasoline", "kg", "9800"),
        I("fuel-oil", "t", "15"), I("lpg", "kg", "3600"), I("kerosene", "t", "0.8"),
        I("steam", "t", "5200"), I("crude-oil", "kg", "1500"), I("refinery-gas", "t", "2.5")]
ex(rule, "pass-mixed-mass-units.xml", "pass", industry=ind("chemical"), items=mass,
   declared=dec(total(mass)), va=("10k-CNY", "2400"))
gas = [I("natural-gas", "10k-m3", "45.5"), I("natural-gas", "m3", "38000"),
       I("coke-oven-gas", "10k-m3", "120"), I("coke-oven-gas", "m3", "250000"),
       I("blast-furnace-gas", "10k-m3", "300"), I("electricity", "kWh", "880000")]
ex(rule, "pass-mixed-gas-units.xml", "pass", industry=ind("smelting"), items=gas,
   declared=dec(total(gas)), va=("10k-CNY", "2100"))
elec = [I("electricity", "kWh", "1250000"), I("electricity", "MWh", "3400.5"),
        I("electricity", "10k-kWh", "215.75"), I("raw-coal", "t", "400"),
        I("electricity", "MWh", "800", exported=True), I("electricity", "kWh", "52000", exported=True)]
ex(rule, "pass-mixed-electricity-units-exported.xml", "pass", industry=ind("heat"), items=elec,
   declared=dec(total(elec)), va=("10k-CNY", "1300"))
heat = [I("heat", "GJ", "45000"), I("heat", "MJ", "3800000"), I("electricity", "MWh", "900"),
        I("heat", "GJ", "6000", exported=True)]
ex(rule, "pass-mixed-heat-units-exported.xml", "pass", industry=ind("food"), items=heat,
   declared=dec(total(heat)), va=("10k-CNY", "1500"))
gross = [I("raw-coal", "t", "3000"), I("electricity", "10k-kWh", "400"),
         I("electricity", "10k-kWh", "300", exported=True)]
gross_total = total([i[:4] + (None,) for i in gross])
ex(rule, "fail-exported-not-subtracted.xml", "fail", industry=ind("heat"), items=gross,
   declared=dec(gross_total), va=("10k-CNY", "2600"))
ex(rule, "fail-net-exporter-declared-zero.xml", "fail", industry=ind("pv"), items=[
    I("electricity", "10k-kWh", "15"), I("electricity", "10k-kWh", "1700", exported=True)],
    declared="0", va=("10k-CNY", "2000"), mgmt=dict(org=True, sys=True))
ex(rule, "na-no-declared-total.xml", "na", industry=ind("mine"), items=T2000[:1] + [
    I("electricity", "10k-kWh", "250")])

# --------------------------------------------------------- coefficient-range
rule = "coefficient-range"
ex(rule, "pass-natural-gas-in-range.xml", "pass", industry=ind("chemical"), items=[
    I("natural-gas", "10k-m3", "80", coef="1.25"), I("electricity", "MWh", "2100")])
ex(rule, "pass-natural-gas-range-ends.xml", "pass", industry=ind("chemical"), items=[
    I("natural-gas", "10k-m3", "40", coef="1.1000"), I("natural-gas", "10k-m3", "40", coef="1.33"),
    I("electricity", "MWh", "1500")])
ex(rule, "pass-coke-oven-gas-range-ends.xml", "pass", industry=ind("smelting"), items=[
    I("coke-oven-gas", "10k-m3", "150", coef="0.5714"),
    I("coke-oven-gas", "10k-m3", "90", coef="0.6143"), I("coke", "t", "1200")])
ex(rule, "pass-single-value-plus-5-percent.xml", "pass", industry=ind("mine"), items=[
    I("raw-coal", "t", "1600", coef="0.750015"), I("electricity", "10k-kWh", "300")])
ex(rule, "pass-single-value-minus-5-percent.xml", "pass", industry=ind("mine"), items=[
    I("raw-coal", "t", "1600", coef="0.678585"), I("diesel", "t", "50", coef="1.4571"),
    I("electricity", "10k-kWh", "300")])
ex(rule, "pass-other-with-coefficient.xml", "pass", industry=ind("sic"), items=[
    I("other", "t", "2600", coef="1.0918"), I("electricity", "10k-kWh", "2400")],
    comments=["other: petroleum coke 石油焦, 1.0918 kgce/kg"])
ex(rule, "pass-other-far-from-any-range.xml", "pass", industry=ind("food"), items=[
    I("other", "t", "1800", coef="0.5"), I("electricity", "MWh", "600")],
    comments=["other: cotton stalk biomass 棉秆, 0.5 kgce/kg"])
ex(rule, "fail-single-value-just-above-5-percent.xml", "fail", industry=ind("mine"), items=[
    I("raw-coal", "t", "1600", coef="0.750016"), I("electricity", "10k-kWh", "300")],
    comments=["out of range: the reference 0.7143 is used for totalTce"])
ex(rule, "fail-single-value-just-below-5-percent.xml", "fail", industry=ind("mine"), items=[
    I("raw-coal", "t", "1600", coef="0.678584"), I("electricity", "10k-kWh", "300")],
    comments=["out of range: the reference 0.7143 is used for totalTce"])
ex(rule, "fail-natural-gas-out-of-range.xml", "fail", industry=ind("chemical"), items=[
    I("natural-gas", "10k-m3", "80", coef="1.4"), I("electricity", "MWh", "2100")],
    comments=["out of range: the reference 1.2143 is used for totalTce"])
ex(rule, "fail-coke-oven-gas-below-range.xml", "fail", industry=ind("smelting"), items=[
    I("coke-oven-gas", "10k-m3", "200", coef="0.5"), I("coke", "t", "1100")],
    comments=["out of range: the reference 0.5714 is used for totalTce"])
ex(rule, "fail-one-of-two-out-of-range.xml", "fail", industry=ind("mine"), items=[
    I("raw-coal", "t", "1200", coef="0.72"), I("diesel", "t", "80", coef="1.6"),
    I("electricity", "10k-kWh", "260")])
ex(rule, "na-no-declared-coefficient.xml", "na", industry=ind("mine"), items=[
    I("raw-coal", "t", "1200"), I("diesel", "t", "80"), I("electricity", "10k-kWh", "260")])

# --------------------------------------------------------------- credit-code
rule = "credit-code"
ex(rule, "pass-valid-check-character.xml", "pass", industry=ind("mine"), items=[
    I("raw-coal", "t", "400"), I("electricity", "kWh", "350000")],
    code=credit(rng, lambda c: c.isdigit() and c != "0"))
ex(rule, "pass-check-character-zero.xml", "pass", industry=ind("food"), items=[
    I("raw-coal", "t", "300"), I("electricity", "kWh", "260000")],
    code=credit(rng, lambda c: c == "0"),
    comments=["weighted sum mod 31 is 0: 31 - 0 = 31 maps to check character 0"])
ex(rule, "pass-letter-check-character.xml", "pass", industry=ind("brick"), items=[
    I("raw-coal", "t", "350"), I("electricity", "kWh", "120000")],
    code=credit(rng, lambda c: c.isalpha()))
wrong = corrupt_check(credit(rng))
ex(rule, "fail-wrong-check-character.xml", "fail", industry=ind("stone"), items=[
    I("diesel", "t", "20"), I("electricity", "kWh", "150000")], code=wrong)
while True:
    c = credit(rng)
    t = c[:10] + c[11] + c[10] + c[12:]   # swap two digits of the organization code
    if c[10] != c[11] and gb32100_check(t[:17]) != t[17]:
        break
ex(rule, "fail-transposed-digits.xml", "fail", industry=ind("food"), items=[
    I("raw-coal", "t", "150"), I("electricity", "kWh", "90000")], code=t,
   comments=["two digits of the organization code transposed"])

# ---------------------------------------------------------- duplicate-report
rule = "duplicate-report"
ex(rule, "pass-unique.xml", "pass", industry=ind("mine"), items=[
    I("raw-coal", "t", "450"), I("electricity", "kWh", "380000")])
dup_code, dup_name = credit(rng), "瓜州县" + next(PLACES) + "冶炼有限公司"
R(name=dup_name, code=dup_code, industry=ind("smelting"), items=[
    I("coke", "t", "620"), I("electricity", "10k-kWh", "140")], va=("10k-CNY", "900")).write(
    os.path.join(EX, rule, "batch-duplicate", "1-pass-first.xml"),
    "rule duplicate-report = pass (first of its CreditCode and year in the batch)")
R(name=dup_name, code=dup_code, industry=ind("smelting"), items=[
    I("coke", "t", "625"), I("electricity", "10k-kWh", "140")], va=("10k-CNY", "900")).write(
    os.path.join(EX, rule, "batch-duplicate", "2-fail-second.xml"),
    "rule duplicate-report = fail (same CreditCode and ReportingYear as 1-pass-first.xml, which comes first)")
with open(os.path.join(EX, rule, "batch-duplicate", "README.txt"), "w", encoding="utf-8") as f:
    f.write("Checked as one batch, 1-pass-first.xml passes duplicate-report and 2-fail-second.xml fails it: "
            "same CreditCode and ReportingYear, and it comes later in byte-wise path order.\n")
ign_code, ign_name = credit(rng), "瓜州县" + next(PLACES) + "矿业有限责任公司"
inv = R(name=ign_name, code=ign_code, industry=ind("mine"), items=[
    I("raw-coal", "t", "330"), I("electricity", "kWh", "280000")])
text = inv.xml("status=invalid (quantity 1,500 is not a number); "
               "does not count for duplicate-report")
text = text.replace('<Item type="raw-coal" unit="t">330</Item>',
                    '<Item type="raw-coal" unit="t">1,500</Item>')
os.makedirs(os.path.join(EX, rule, "batch-invalid-ignored"), exist_ok=True)
with open(os.path.join(EX, rule, "batch-invalid-ignored", "1-invalid-first.xml"), "w", encoding="utf-8") as f:
    f.write(text)
R(name=ign_name, code=ign_code, industry=ind("mine"), items=[
    I("raw-coal", "t", "1500"), I("electricity", "kWh", "280000")]).write(
    os.path.join(EX, rule, "batch-invalid-ignored", "2-pass-second.xml"),
    "rule duplicate-report = pass (1-invalid-first.xml has the same CreditCode and year but is invalid, "
    "so it does not count)")
with open(os.path.join(EX, rule, "batch-invalid-ignored", "README.txt"), "w", encoding="utf-8") as f:
    f.write("Checked as one batch, 1-invalid-first.xml is invalid (quantity 1,500) and 2-pass-second.xml passes "
            "duplicate-report: invalid reports do not count as earlier reports.\n")

# ================================================================ samples ==

srng = random.Random(2011)
SAMPLES = []


def sample(fname, fails, **kw):
    kw.setdefault("code", credit(srng))
    r = R(**kw)
    tier = next((n for n, lo in (("T3", 5000), ("T2", 3000), ("T1", 1000)) if r.total() >= lo), "none")
    r.write(os.path.join(SA, fname),
            f"tier={tier}; fails={','.join(fails) or 'none'} (checked as the samples/ batch)")
    SAMPLES.append((fname, r))
    return r


# 1. the example of SPEC section 2, with a real credit code
sample("2011-hongyun-mining.xml", ["obsolete-capacity"],
       name="瓜州县宏运矿产有限责任公司", industry=("B08", "黑色金属矿采选业"), commissioned=2005,
       items=SPEC_ITEMS, declared="2312.4", va=("10k-CNY", "13500"), water=("m3", "480000"),
       prev=(2010, "2290", ("10k-CNY", "12100")),
       mgmt=dict(letter=(True, "2012-02-20"), bench="completed", audit=False, org=True, sys=True,
                 quota="2500"),
       equipment=[("earth-kiln", 2, "operating")],
       projects=[("P-2011-03", "10万吨硅铁合金", "under-construction", "approved")])

# 2. 亚泰金属, T2, GBK; benchmarking not started; resubmitted later (duplicate)
yatai = dict(name="瓜州县亚泰金属有限公司", code=credit(srng), industry=("B09", "有色金属矿采选业"),
             commissioned=2004, encoding="GBK", comments=["填报人:王喆"],
             items=[I("electricity", "10k-kWh", "2150"), I("diesel", "t", "380"),
                    I("raw-coal", "t", "420")],
             declared="3496.05", va=("10k-CNY", "4200"), water=("10k-m3", "28.6"),
             prev=(2010, "3380", ("10k-CNY", "3600")),
             mgmt=dict(letter=(True, "2012-02-20"), bench="none", audit=False, org=True, sys=True,
                       quota="3600"),
             equipment=[("ball-mill", 4, "operating"), ("flotation-cell", 24, "operating")],
             projects=[("P-2012-01", "铜精粉扩能改造", "planned", "pending")])
sample("2011-yatai-metal.xml", ["efficiency-benchmarking", "duplicate-report"], **yatai)
yatai2 = dict(yatai, mgmt=dict(yatai["mgmt"], bench="in-progress"),
              comments=["填报人:王喆", "更正后重新报送:能效对标已开展"])
sample("2011-yatai-metal-resubmitted.xml", [], **yatai2)

# 3. 西域阳光, T3, silicon carbide, petroleum coke as `other`; UTF-8 with BOM
sample("2011-xiyu-sunshine.xml", [],
       name="瓜州县西域阳光新材料有限公司", industry=("C3099", "其他非金属矿物制品制造"),
       commissioned=2008, bom=True, comments=["other: 石油焦 petroleum coke, 1.0918 kgce/kg"],
       items=[I("electricity", "10k-kWh", "5200"), I("other", "t", "2600", coef="1.0918"),
              I("diesel", "t", "95")],
       declared="9368", va=("10k-CNY", "9800"), water=("10k-m3", "15.2"),
       prev=(2010, "8900", ("10k-CNY", "8700")),
       mgmt=dict(letter=(True, "2012-02-18"), bench="completed", audit=True, org=True, sys=True,
                 quota="9500"),
       equipment=[("resistance-furnace", 12, "operating")],
       projects=[("P-2011-07", "20万吨碳化硅", "under-construction", "approved")])

# 4. 漠风水泥, T3, GB18030 (m² is outside GBK); over its quota
sample("2011-mofeng-cement.xml", ["energy-quota"],
       name="瓜州县漠风水泥有限责任公司", industry=("C3011", "水泥制造"), commissioned=2007,
       encoding="GB18030",
       items=[I("raw-coal", "t", "16800"), I("electricity", "10k-kWh", "1650"),
              I("diesel", "t", "120")],
       declared="14203", va=("10k-CNY", "12800"), water=("10k-m3", "9.8"),
       prev=(2010, "13650", ("10k-CNY", "11900")),
       mgmt=dict(letter=(True, "2012-02-20"), bench="completed", audit=True, org=True, sys=True,
                 quota="13500"),
       equipment=[("rotary-kiln", 1, "operating"), ("vertical-roller-mill", 2, "operating")],
       projects=[("P-2011-05", "原料堆场封闭2.4万m²", "operating", "approved"),
                 ("P-2011-06", "9MW纯低温余热发电", "under-construction", "approved")])

# 5. 砂业建材, T1: 2 new lime kilns, 7 earth kilns dismantled, 1 autoclave
sample("2011-shaye-building-materials.xml", [],
       name="瓜州县砂业建材有限责任公司", industry=("C3012", "石灰和石膏制造"), commissioned=2003,
       items=[I("raw-coal", "t", "1650"), I("electricity", "10k-kWh", "86"),
              I("diesel", "t", "22")],
       va=("10k-CNY", "1450"), water=("10k-m3", "2.1"),
       prev=(2010, "1120", ("10k-CNY", "1050")),
       mgmt=dict(letter=(True, "2012-02-21"), bench="none", org=True, sys=True),
       equipment=[("energy-saving-lime-kiln", 2, "operating"), ("earth-kiln", 7, "dismantled"),
                  ("autoclave", 1, "operating")],
       projects=[("P-2011-09", "节能石灰窑技改扩建", "operating", "approved")])

# 6. 北河湾石灰厂, small, earth kilns still burning, GB2312, no Management
sample("2011-beihewan-lime.xml", ["obsolete-capacity"],
       name="瓜州县北河湾石灰厂", industry=("C3012", "石灰和石膏制造"), commissioned=1998,
       encoding="GB2312",
       items=[I("raw-coal", "t", "520"), I("electricity", "10k-kWh", "6.5")],
       va=("CNY", "2350000"), mgmt=None, equipment=[("earth-kiln", 3, "operating")])

# 7. 新源冶金, commissioned 2011, small; system missing, project review pending
sample("2011-xinyuan-ferrosilicon.xml", ["energy-management", "project-energy-review"],
       name="瓜州县新源冶金有限责任公司", industry=("C3140", "铁合金冶炼"), commissioned=2011,
       items=[I("electricity", "10k-kWh", "480"), I("coke", "t", "60")],
       va=("10k-CNY", "620"), water=("10k-m3", "3.2"),
       mgmt=dict(org=True, sys=False),
       equipment=[("submerged-arc-furnace", 1, "operating")],
       projects=[("P-2011-03", "10万吨硅铁合金", "under-construction", "pending")])

# 8. 光伏电站: a net exporter, negative totalTce
sample("2011-honglingwa-pv.xml", [],
       name="瓜州县红柳洼光伏发电有限公司", industry=("D4416", "太阳能发电"), commissioned=2011,
       items=[I("electricity", "10k-kWh", "15.6"), I("diesel", "t", "6.5"),
              I("electricity", "10k-kWh", "1920", exported=True)],
       va=("10k-CNY", "2150"), water=("m3", "2600"),
       mgmt=dict(org=True, sys=True),
       projects=[("P-2011-01", "一期23兆瓦光伏发电", "operating", "approved"),
                 ("P-2011-02", "二期58兆瓦光伏发电", "under-construction", "approved")])

# 9. 农产品加工 (chili), small, water-hungry; money in CNY, heat in GJ, electricity in MWh
sample("2011-suoyang-agri.xml", ["water-intensity"],
       name="瓜州县锁阳城农产品加工有限公司", industry=("C13", "农副食品加工业"), commissioned=2009,
       items=[I("raw-coal", "t", "380"), I("electricity", "MWh", "420"), I("heat", "GJ", "2600"),
              I("diesel", "t", "14")],
       va=("CNY", "8000000"), water=("10k-m3", "9.6"),
       prev=(2010, "398", ("CNY", "6500000")),
       mgmt=dict(org=True, sys=True),
       projects=[("P-2011-04", "6000吨辣椒深加工", "operating", "approved")])

# 10. 金源矿业 coal mine, T2: letter unsigned, decline < 3%, declared total and coefficient off
sample("2011-jinyuan-coal.xml",
       ["responsibility-letter", "intensity-reduction", "declared-total", "coefficient-range"],
       name="瓜州县金源矿业有限责任公司", industry=("B0610", "烟煤和无烟煤开采洗选"), commissioned=2006,
       items=[I("raw-coal", "t", "2400", coef="0.5"), I("electricity", "10k-kWh", "1380"),
              I("diesel", "t", "290")],
       declared="3318.58", va=("10k-CNY", "5200"), water=("10k-m3", "12"),
       prev=(2010, "3100", ("10k-CNY", "4100")),
       mgmt=dict(letter=(False, None), bench="in-progress", org=True, sys=True))

# 11. 天奇冶炼, T3: energy audit not done
sample("2011-tianqi-smelting.xml", ["energy-audit"],
       name="瓜州县天奇冶炼有限公司", industry=("C3110", "炼铁"), commissioned=2009,
       items=[I("coke", "t", "5200"), I("coke-oven-gas", "10k-m3", "180", coef="0.6"),
              I("electricity", "10k-kWh", "860")],
       declared="7188.22", va=("10k-CNY", "6100"), water=("10k-m3", "31"),
       prev=(2010, "6650", ("10k-CNY", "5200")),
       mgmt=dict(letter=(True, "2012-02-20"), bench="in-progress", audit=False, org=True,
                 sys=True, quota="7500"))

# 12. 内外矿业 granite, production stopped (value added 0), mistyped credit code
sample("2011-neiwai-granite.xml", ["credit-code"],
       name="瓜州县内外矿业有限责任公司", industry=("B1012", "建筑装饰用石开采"), commissioned=2008,
       code=corrupt_check(credit(srng)),
       items=[I("diesel", "t", "18"), I("electricity", "10k-kWh", "12.5")],
       va=("10k-CNY", "0"), water=("10k-m3", "0.4"),
       prev=(2010, "85", ("10k-CNY", "260")), mgmt=None,
       projects=[("P-2011-11", "3000万平方米花岗岩板材加工", "planned", "none")])

# --------------------------------------------------------- invalid samples
BASE_INVALID = R(name="瓜州县广金矿业有限公司", code="", industry=("B09", "有色金属矿采选业"),
                 items=[I("raw-coal", "t", "800"), I("electricity", "10k-kWh", "95")],
                 va=("10k-CNY", "900"))


def invalid(fname, why, edit, encoding="utf-8"):
    r = R(**dict(BASE_INVALID.__dict__, code=credit(srng)))
    text = edit(r.xml(f"status=invalid ({why})"))
    path = os.path.join(SA, "invalid", fname)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(text.encode(encoding))


def sub(old, new):
    def f(text):
        assert old in text, old
        return text.replace(old, new, 1)
    return f


invalid("malformed-unclosed-tag.xml", "not well-formed: Economics is never closed",
        sub("  </Economics>\n", ""))
invalid("xxe-external-entity.xml", "document type declaration, the entity must never be resolved",
        lambda t: sub('<EnergyReport ', '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n'
                      '<EnergyReport ')(t).replace("<Name>瓜州县广金矿业有限公司</Name>", "<Name>&x;</Name>"))
invalid("entity-expansion-bomb.xml", "document type declaration, an entity bomb that must be rejected fast",
        lambda t: sub('<EnergyReport ', "<!DOCTYPE r [\n" + "\n".join(
            ['  <!ENTITY e0 "瓜州瓜州瓜州瓜州瓜州瓜州瓜州瓜州瓜州瓜州">'] +
            [f'  <!ENTITY e{i} "' + f"&e{i - 1};" * 10 + '">' for i in range(1, 10)]) +
            "\n]>\n<EnergyReport ")(t).replace("<Name>瓜州县广金矿业有限公司</Name>", "<Name>&e9;</Name>"))
invalid("unit-mismatch-electricity-in-t.xml", "unit t does not fit energy type electricity",
        sub('<Item type="electricity" unit="10k-kWh">95</Item>',
            '<Item type="electricity" unit="t">95</Item>'))
invalid("bad-quantity-thousands-separator.xml", "quantity 1,500 has a thousands separator",
        sub('unit="t">800<', 'unit="t">1,500<'))
invalid("bad-quantity-exponent.xml", "quantity 1e3 has an exponent",
        sub('unit="t">800<', 'unit="t">1e3<'))
invalid("bad-quantity-trailing-point.xml", "quantity 12. ends with a point",
        sub('unit="10k-kWh">95<', 'unit="10k-kWh">12.<'))
invalid("unknown-energy-type.xml", "energy type firewood is not in the rules",
        sub('<Item type="raw-coal" unit="t">800</Item>', '<Item type="firewood" unit="t">800</Item>'))
invalid("other-without-coefficient.xml", "energy type other needs a coefficient",
        sub('<Item type="raw-coal" unit="t">800</Item>', '<Item type="other" unit="t">800</Item>'))
invalid("unknown-money-unit.xml", "unit USD is not accepted for value added",
        sub('<IndustrialValueAdded unit="10k-CNY">', '<IndustrialValueAdded unit="USD">'))
invalid("wrong-namespace.xml", "root element not in urn:tce:energy-report:1",
        sub('xmlns="urn:tce:energy-report:1"', 'xmlns="urn:tce:energy-report:2"'))
invalid("credit-code-letter-o.xml", "credit code contains O, not allowed by GB 32100",
        lambda t: re.sub(r"<CreditCode>(.{10}).", r"<CreditCode>\g<1>O", t, count=1))
invalid("unknown-status-value.xml", "Unit/@status closed is not an allowed value",
        sub("  </Economics>\n", '  </Economics>\n  <Equipment>\n'
            '    <Unit kind="earth-kiln" count="2" status="closed"/>\n  </Equipment>\n'))
invalid("unknown-element.xml", "element Remarks is not part of the format",
        sub("  </Economics>\n", "  </Economics>\n  <Remarks>2011年停产三个月</Remarks>\n"))
invalid("missing-economics.xml", "Economics is required",
        lambda t: t[:t.index("  <Economics>")] + t[t.index("</Economics>\n") + 13:])
invalid("gbk-bytes-declared-utf8.xml", "bytes are GBK but the declaration says UTF-8",
        lambda t: t, encoding="gbk")

# ---------------------------------------------------------------- READMEs

EXAMPLES_README = """\
# Rule examples

One directory per rule id of the 2012 rule set (SPEC section 3). Every file is a
complete report, valid against `rules/report-v1.xsd`; its name says the
expected outcome of **that directory's rule** for it:

- `pass-<slug>.xml`, `fail-<slug>.xml`: the rule passes / fails;
- `na-<slug>.xml`: the rule is `not-applicable`.

Other rules may have any outcome on an example; only the named rule matters.
`credit-code`, `obsolete-capacity` and `duplicate-report` always apply, so they
have no `na-` files. `duplicate-report/` is about a batch: check
`batch-duplicate/` as one batch (1-pass-first.xml passes, 2-fail-second.xml
fails: same CreditCode and ReportingYear, later in byte-wise path order) and
`batch-invalid-ignored/` as one batch (1-invalid-first.xml is invalid on purpose
and does not count, so 2-pass-second.xml passes). In a `batch-*` folder files are
checked in name order; after the leading number, the name states the expected
outcome; files without one (`invalid`) are not asserted.

Right after the root start tag each file states what to expect:

    <!-- expect: totalTce=1000; energyIntensity~0.847458; waterIntensity=n/a;
         previousEnergyIntensity=n/a; intensityDecline=n/a;
         rule responsibility-letter = pass -->

`key=value` is exact (sums and products are exact decimals; a ratio that
terminates is written exactly), `key~value` is a ratio that does not
terminate, rounded half-even to 6 places, `key=n/a` a fact that cannot be
computed (no input, value added 0). Every credit code is valid (GB 32100-2015)
except in `credit-code/fail-*`, and every CreditCode+ReportingYear pair is
unique across all examples and samples except `duplicate-report/batch-*/`,
so the whole tree can be checked as one batch.

The files are generated by `scripts/gen-report-data.py`; verify them with

    python3 scripts/sample-facts.py --check-expect rules/examples
"""

SAMPLES_HEAD = """\
# Samples: 2011 annual energy reports

Realistic reports of enterprises in 瓜州县 (Gansu), reporting year 2011 with
2010 as the previous year, as the county Industry and IT Bureau would receive
them. `2011-hongyun-mining.xml` is the example of SPEC section 2 (with a real
credit code). Encodings: `2011-yatai-metal*.xml` are GBK (with a GBK-only
character, 喆), `2011-mofeng-cement.xml` is GB18030 (with m², outside GBK, a
4-byte GB18030 sequence), `2011-beihewan-lime.xml` is GB2312,
`2011-xiyu-sunshine.xml` is UTF-8 with a byte-order mark, the rest UTF-8.

Between them every rule passes and fails at least once. `2011-yatai-metal.xml`
and `2011-yatai-metal-resubmitted.xml` are the same enterprise and year;
checked as one batch in byte-wise path order, `-resubmitted` ('-' is 0x2D)
comes before `.xml` ('.' is 0x2E), so it is the first report and
`2011-yatai-metal.xml` fails `duplicate-report`.

`invalid/` holds inputs that must come out `invalid` (SPEC section 4), one
reason each; the reason is in the `expect` comment of each file.

Everything below is computed, not hand-written: it is the output of

    python3 scripts/sample-facts.py --format markdown --relative-to samples samples

(`scripts/gen-report-data.py` writes the files and this README).
Tier: T1 ≥ 1000, T2 ≥ 3000, T3 ≥ 5000 tce; — below 1000.
"""

with open(os.path.join(EX, "README.md"), "w", encoding="utf-8") as f:
    f.write(EXAMPLES_README)
oracle = os.path.join(ROOT, "scripts", "sample-facts.py")
table = subprocess.run([sys.executable, oracle, "--format", "markdown", "--relative-to", SA, SA],
                       check=True, capture_output=True, text=True).stdout
with open(os.path.join(SA, "README.md"), "w", encoding="utf-8") as f:
    f.write(SAMPLES_HEAD + "\n" + table)
print(f"wrote {len(WRITTEN)} reports, {len(SAMPLES)} samples")
