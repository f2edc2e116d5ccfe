"""Stage 5, check: what translators and editors must look at, as Discrepancy records.

Pair checks compare each Chinese claim with its English rendering (value,
scale, bound, direction, unit); unpaired claims are missing in the other
language; internal checks look inside one language (parts that do not add up
to their total, a share that is not part / whole). `error` is for what the
numbers alone prove, `warning` for what a reader must judge (a figure inside
a quoted title, a bound added or dropped, parts that fall short of a total).
"""

from __future__ import annotations

from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterator, Sequence
from decimal import Decimal
from functools import cache

import regex

from . import patterns
from .align import (
    CONVERSION_SLACK,
    Match,
    compare_values,
    conversion_factor,
    days_of_unit,
    multiple_factor,
    written_half,
)
from .claims import sentences
from .numbers import parse_zh_numeral, scan_en, scan_zh
from .records import (
    RECORD_LISTS,
    Approx,
    Change,
    Claim,
    ClaimKind,
    Discrepancy,
    DiscrepancyKind,
    Document,
    Lang,
    Pair,
    Severity,
    SkipReason,
    Skipped,
)
from .rules import alternation, column_values, table

QUANTITIES = frozenset({ClaimKind.count, ClaimKind.money, ClaimKind.percent, ClaimKind.points, ClaimKind.ratio,
                        ClaimKind.multiple, ClaimKind.fraction, ClaimKind.duration})
_BOUND_WORDS = {None: "states no bound", Approx.over: "says more than", Approx.at_least: "says at least",
                Approx.nearly: "says nearly", Approx.about: "says about", Approx.up_to: "says up to",
                Approx.under: "says less than"}
_BOUND_CLASS = {None: "exact", Approx.over: "over", Approx.at_least: "over", Approx.nearly: "about",
                Approx.about: "about", Approx.up_to: "under", Approx.under: "under"}
"""Bounds of one class agree (将近 and "about" both say close to); over against under is an error, and so is
nearly (just below) against over (above)."""
_HAS_DIGIT = patterns.compile(r"\d")
PER_MILLE = "‰"
"""The unit of a rate per thousand (5.6‰): written as a percent it is another figure."""
MAX_PARTS = 50
"""How many figures after a total, or before a share, are read as its parts: a breakdown is never longer."""
MIN_BREAKDOWN_SHARE = Decimal("0.1")
"""Parts that add up to less than this share of their total are examples of it (驰名商标128件 of 注册商标37.2万件),
not its breakdown."""
_LIST_MARK = "、"
"""The enumeration comma: the figure before it is one item of a list (35家、68家)."""
_ROUND_PLURALS = {r.cells["zh"]: r.cells["en"] for r in table("round_plurals.tsv")}
"""上百, 上千 (as many as a hundred, a thousand) and the plurals English writes them as, with no figure
(rules/round_plurals.tsv): a missing one is a warning, and none where its section writes the plural."""
_ROUND_BOUND = patterns.compile(alternation(list(_ROUND_PLURALS)))
_TALLY_VERBS = patterns.compile(alternation(column_values("tally_verbs.tsv", "word")))
_QUOTE_REACH = 120
_CLAUSE_REACH = 40
"""How far back the words that make a figure a total, a part or a share are looked for."""
_CLAUSE_END = patterns.compile(r"[,;.:!?，；。：！？]")
_RUN_END = patterns.compile(r"[。！？!?.]\s*$")
_ZH_KEY = patterns.compile(r"\p{Han}{2}$")
_CLAUSE_SPLIT = patterns.compile(r"[，,；;。：:、]")
_LAST_CLAUSE_SPLIT = patterns.compile(_CLAUSE_SPLIT.pattern, regex.REVERSE)
_LAST_SENTENCE_PART = patterns.compile(r"[，,；;。：:\n]", regex.REVERSE)
"""The last break before a figure that ends a clause (an enumeration comma does not)."""
_LIST_ITEMS = patterns.compile(r"、|和|与|及")
_EN_CLAUSE_SPLIT = patterns.compile(r"[,;:.]")
_EN_CLAUSE_BREAK = patterns.compile(r"[,;:]|\.\s", regex.REVERSE)
"""The last break before an English figure that ends a clause (a decimal point does not)."""
_SENTENCE_STOP = patterns.compile(r"[。！？!?]|\.\s+\p{Lu}")
_EN_KEY = patterns.compile(r"\b([a-z]+ed)\b", regex.IGNORECASE)
_CONVERSION_GAP = patterns.compile(r"\s*[（(]\s*(?:约合|折合|合|约|i\.e\.,?\s*|or\s+|equal\s+to\s+|equivalent\s+to\s+)?\s*")


@cache
def _cues(lang: str, role: str) -> regex.Pattern[str]:
    return patterns.compile(alternation(_cue_words(lang, role)), regex.IGNORECASE)


def _cue_words(lang: str, role: str) -> list[str]:
    """The words of rules/breakdown_cues.tsv of one language and role."""
    return [r.cells["word"] for r in table("breakdown_cues.tsv") if r.cells["lang"] == lang and r.cells["role"] == role]


def check(document: Document, claims: Sequence[Claim], pairs: Sequence[Pair],
          skipped: Sequence[Skipped] = ()) -> list[Discrepancy]:
    """Every discrepancy of one paper, pair checks first, in Chinese document order. The skipped spans give the
    denominators (每万人口, per 10,000 people) that two paired figures are counted per."""
    by_id = {c.id: c for c in claims}
    found: list[tuple[DiscrepancyKind, Severity, list[Claim], list[Claim], str]] = []
    partners: dict[str, list[str]] = defaultdict(list)
    bases = _Denominators(document.text, claims, skipped) if any(s.reason is SkipReason.unit for s in skipped) else None
    for pair in pairs:
        partners[pair.zh].append(pair.en)
        partners[pair.en].append(pair.zh)
    for pair in pairs:
        zh, en = by_id[pair.zh], by_id[pair.en]
        zh, en = _end_rendered(zh, en, partners, by_id), _end_rendered(en, zh, partners, by_id)
        found += _pair_checks(document.text, zh, en)
        if bases is not None:
            found += bases.check(by_id[pair.zh], by_id[pair.en])
    previous: dict[Lang, Claim] = {}
    firsts: _Firsts | None = None
    worded = _worded_numerals(document.text, skipped)
    for claim in claims:
        if claim.id not in partners:
            if _is_first(claim):
                firsts = firsts or _Firsts(document, claims, partners)
                if firsts.said_otherwise(claim):
                    previous[claim.lang] = claim
                    continue
            if not _plural_rendered(document, claim):
                found.append(_missing(document.text, claim, previous.get(claim.lang), worded))
        previous[claim.lang] = claim
    for lang in Lang:
        mine = [c for c in claims if c.lang is lang]
        found += _sums(document.text, mine)
        found += _shares(document.text, mine)
    order = {c.id: i for i, c in enumerate(claims)}
    found.sort(key=lambda f: min(order[c.id] for c in [*f[2], *f[3]]))
    return RECORD_LISTS["discrepancies"].validate_python([
        dict(id=f"d-{n:04d}", doc_id=document.id, kind=kind, severity=severity,
             section=(zh or en)[0].section, zh_claims=[c.id for c in zh], en_claims=[c.id for c in en],
             message=message)
        for n, (kind, severity, zh, en, message) in enumerate(found, start=1)
    ])


def _is_first(claim: Claim) -> bool:
    return claim.lang is Lang.zh and claim.kind is ClaimKind.rank and claim.value == 1


class _Firsts:
    """Where a Chinese first place has no partner: the English sentence that renders the rest of its sentence may
    say it with a superlative instead (居世界第一 / the largest in the world), rules/superlatives.tsv."""

    def __init__(self, document: Document, claims: Sequence[Claim], partners: dict[str, list[str]]) -> None:
        self.text = document.text
        self.partners = partners
        self.by_id = {c.id: c for c in claims}
        self.in_sentence: dict[tuple[Lang, int], list[Claim]] = defaultdict(list)
        for claim in claims:
            self.in_sentence[claim.lang, claim.sentence].append(claim)
        self.spans = {lang: [span for *_, span in sentences(document, lang)] for lang in Lang}
        """Each language's sentences in the order `Claim.sentence` counts them."""

    def said_otherwise(self, claim: Claim) -> bool:
        """Whether a partner of another figure of the claim's sentence stands in a sentence with a superlative."""
        for other in self.in_sentence[claim.lang, claim.sentence]:
            for partner_id in self.partners.get(other.id, ()):
                partner = self.by_id[partner_id]
                span = self.spans[partner.lang][partner.sentence]
                if _superlative().search(self.text, span.start, span.end):
                    return True
        return False


@cache
def _superlative() -> regex.Pattern[str]:
    return patterns.compile(rf"\b(?:{alternation(column_values('superlatives.tsv', 'word'))})\b", regex.IGNORECASE)


class _Denominators:
    """The denominator each figure is counted per: a unit span (每万人, per 10,000) right before it in its clause,
    or, in English, right after it (5 per 100,000 people), with no other figure between them. Found once from
    the few unit spans, not looked up for every pair."""

    def __init__(self, text: str, claims: Sequence[Claim], skipped: Sequence[Skipped]) -> None:
        self.bases: dict[str, tuple[Skipped, Decimal]] = {}
        by_lang = {lang: sorted((c for c in claims if c.lang is lang), key=lambda c: c.start) for lang in Lang}
        starts = {lang: [c.start for c in mine] for lang, mine in by_lang.items()}
        units = [s for s in skipped if s.reason is SkipReason.unit]
        for after in (True, False):  # the figure after its denominator first: 每万人口...65.7件, per 10,000 ... 65.7
            for unit in units:
                mine = by_lang[unit.lang]
                k = bisect_left(starts[unit.lang], unit.end)  # the first figure after the unit
                if after:
                    claim = mine[k] if k < len(mine) else None
                else:
                    claim = mine[k - 1] if k and unit.lang is Lang.en else None
                if claim is None or claim.id in self.bases:
                    continue
                low, high = (unit.end, claim.start) if after else (claim.end, unit.start)
                if not 0 <= high - low <= _CLAUSE_REACH * 2 or _CLAUSE_SPLIT.search(text, low, high):
                    continue
                token = next((scan_zh if unit.lang is Lang.zh else scan_en)(text, unit.start, unit.end), None)
                if token is not None:
                    self.bases[claim.id] = (unit, token.value)

    def check(self, zh: Claim, en: Claim) -> Iterator[tuple[DiscrepancyKind, Severity, list[Claim], list[Claim], str]]:
        zh_base, en_base = self.bases.get(zh.id), self.bases.get(en.id)
        if zh_base is None or en_base is None or zh_base[1] == en_base[1]:
            return
        message = (f'zh "{zh.text}" and en "{en.text}" are counted per different bases: "{zh_base[0].text}" '
                   f'({zh_base[1]:,}) vs "{en_base[0].text}" ({en_base[1]:,}).')
        yield DiscrepancyKind.value_mismatch, Severity.error, [zh], [en], message


def _quoted(text: str, claim: Claim) -> bool:
    """Inside a quoted title (《...》, “...”): renderings there are paraphrases a reader must judge.

    That is, within the 120 characters before the claim the last 《 or 》 is an 《, or a quote opens after the
    last quote that closes (a straight " does both).
    """
    window = text[max(0, claim.start - _QUOTE_REACH) : claim.start]
    if window.rfind("《") > window.rfind("》"):
        return True
    closed = max(window.rfind("”"), window.rfind("’"), window.rfind('"'))
    return closed >= 0 and window[closed] == '"' or max(window.rfind("“"), window.rfind("‘")) > closed


def _end_rendered(claim: Claim, partner: Claim, partners: dict[str, list[str]], by_id: dict[str, Claim]) -> Claim:
    """A range the other language writes as two figures, one an end (`align`'s split ranges: 从5%到8%不等 /
    "from 5% to 8%"), stands in its pair with `partner` for the end that partner renders."""
    if claim.value_max is None or partner.value_max is not None or len(partners[claim.id]) != 2:
        return claim
    ends = sorted(by_id[other].value for other in partners[claim.id])
    if ends != [claim.value, claim.value_max]:
        return claim
    return claim.model_copy(update={"value": partner.value, "value_max": None})


def _pair_checks(text: str, zh: Claim, en: Claim) -> Iterator[tuple[DiscrepancyKind, Severity, list[Claim], list[Claim], str]]:
    both = f'zh "{zh.text}" and en "{en.text}"'
    match = compare_values(zh, en)
    if match not in (Match.EQUAL, Match.ROUNDED, Match.CONVERTED) and _converted_measure(text, zh, en):
        match = Match.CONVERTED  # 3.5万平方米 as 0.035 square kilometers
    signed = _same_effect(zh, en)  # -3.5% as "fell by 3.5%": the sign says what the change word says
    if signed or _opposite_sign(zh, en):
        match = Match.EQUAL  # -3.5% as "grew by 3.5%": the size is right, the direction check reports the rest
    level = False  # the English states as a level what the Chinese states as growth: 增长了1.5倍, "2.5 times that of"
    zh_factor, en_factor = multiple_factor(text, zh), multiple_factor(text, en)
    if zh_factor is not None and en_factor is not None and ClaimKind.percent in (zh.kind, en.kind) and zh.kind is not en.kind:
        if zh_factor != en_factor:  # 增长了1.5倍 / grew by 150 percent: both 2.5 times the base
            yield (DiscrepancyKind.value_mismatch, Severity.error, [zh], [en],
                   f"{both} state different growth: {_rounded(zh_factor)} times the base vs {_rounded(en_factor)} times.")
        match = Match.EQUAL
    elif zh_factor is not None and en.kind is ClaimKind.multiple:
        if en_factor is not None and zh_factor != en_factor:
            copied = _number(en) == _number(zh) and "fold" in en.text.lower()  # 增长了9倍 as "ninefold": a loose
            # reading of -fold allows it; "doubled" for 增长了两倍 is the classic slip
            yield (DiscrepancyKind.value_mismatch, Severity.warning if copied else Severity.error, [zh], [en],
                   f'{both} state different multiples: grown by {zh.value} times is {zh_factor} times the base, '
                   f'"{en.text}" is {en_factor} times.')
        match = Match.EQUAL if en_factor is not None or _number(en) in (_number(zh), zh_factor) else match
        level = en.change is None and _number(en) == zh_factor != _number(zh)
    truncated = match not in (Match.EQUAL, Match.ROUNDED, Match.CONVERTED) and _cut_with_over(zh, en)
    if truncated:
        match = Match.ROUNDED
    if match not in (Match.EQUAL, Match.ROUNDED, Match.CONVERTED) and _bounds_may_agree(zh, en):
        yield (DiscrepancyKind.value_mismatch, Severity.warning, [zh], [en],
               f"{both} bound different values that may both hold: {_show(zh)} vs {_show(en)}.")
        match = Match.EQUAL
    if match not in (Match.EQUAL, Match.ROUNDED, Match.CONVERTED):
        severity = Severity.warning if _quoted(text, zh) or _quoted(text, en) else Severity.error
        if match == Match.SCALE:
            yield (DiscrepancyKind.scale_mismatch, severity, [zh], [en],
                   f"{both} differ in scale: {_show(zh)} vs {_show(en)}.")
        else:
            factor = conversion_factor(zh, en)
            converted = f" ({_show(zh)} {zh.unit} is {_rounded(_number(zh) * factor)} {en.unit})" if factor else ""
            yield (DiscrepancyKind.value_mismatch, severity, [zh], [en],
                   f"{both} state different values: {_show(zh)} vs {_show(en)}{converted}.")
    if zh.value_max != en.value_max and match == Match.EQUAL:
        yield (DiscrepancyKind.value_mismatch, Severity.error, [zh], [en],
               f"{both} state different ranges: up to {zh.value_max} vs up to {en.value_max}.")
    if _BOUND_CLASS[zh.approx] != _BOUND_CLASS[en.approx] and not truncated:
        opposite = ({_BOUND_CLASS[zh.approx], _BOUND_CLASS[en.approx]} == {"over", "under"}
                    or Approx.nearly in (zh.approx, en.approx) and "over" in (_BOUND_CLASS[zh.approx], _BOUND_CLASS[en.approx]))
        yield (DiscrepancyKind.qualifier_mismatch, Severity.error if opposite else Severity.warning, [zh], [en],
               f'zh "{zh.text}" {_BOUND_WORDS[zh.approx]}; en "{en.text}" {_BOUND_WORDS[en.approx]}.')
    zh_change, en_change = _implied_change(zh), _implied_change(en)
    if zh_change != en_change and not (level or signed or _growth_rate(text, zh, zh_change, en_change)
                                       or _growth_rate(text, en, en_change, zh_change)):
        opposite = zh_change is not None and en_change is not None
        yield (DiscrepancyKind.direction_mismatch, Severity.error if opposite else Severity.warning, [zh], [en],
               f'zh "{zh.text}" states {_direction(zh)}; en "{en.text}" states {_direction(en)}.')
    unit = _unit_problem(text, zh, en, match)
    if unit:
        yield (DiscrepancyKind.unit_mismatch, unit[0], [zh], [en], f"{both} {unit[1]}.")


MAX_CUT_LOSS = Decimal("0.01")
"""The most an English figure cut short with "more than" may lose of the exact Chinese one and still state it
(9514.8万名 / "more than 95.14 million"; 150个 / "more than 100" is a loose bound, not a cut)."""


def _cut_with_over(zh: Claim, en: Claim) -> bool:
    """The English cuts an exact Chinese figure to fewer written places and says so with "more than"
    (9514.8万名 / "more than 95.14 million"): true of the one figure, so no changed value and no added bound."""
    if zh.approx is not None or _BOUND_CLASS[en.approx] != "over" or not _single_numbers(zh, en):
        return False
    stated, cut = _number(zh), _number(en)
    return cut > 0 and cut < stated < cut + _last_place(cut) and stated - cut < stated * MAX_CUT_LOSS


def _single_numbers(zh: Claim, en: Claim) -> bool:
    """Whether both figures are one number each (no range), of one kind."""
    return (not zh.value_max and not en.value_max and zh.kind is en.kind
            and isinstance(zh.value, (int, float)) and isinstance(en.value, (int, float)))


def _last_place(number: Decimal) -> Decimal:
    """The value of a number's last written place (95140000: 10,000; 12: 1; 0.5: 0.1)."""
    return Decimal(1).scaleb(number.normalize().as_tuple().exponent)


def _bounds_may_agree(zh: Claim, en: Claim) -> bool:
    """A lower bound and an English bound in words, over or about, where the English lies within the last written
    place of the lower (十多个 / "more than a dozen": over 10 and over 12; 十几个 / "a dozen or so"): both may be
    true of one figure. Digits are never read so (300余次 / "more than 310" is a changed figure)."""
    if (_BOUND_CLASS[zh.approx] != "over" or _BOUND_CLASS[en.approx] not in ("over", "about") or _HAS_DIGIT.search(en.text)
            or not _single_numbers(zh, en)):
        return False
    low, high = sorted((_number(zh), _number(en)))
    return low > 0 and low < high < low + _last_place(low)


def _growth_rate(text: str, claim: Claim, change: Change | None, other: Change | None) -> bool:
    """Whether `claim`, with no change word, is a growth rate (增速为6.1%, "economic growth was 6.6 percent":
    rules/growth_rates.tsv) and its partner states an increase: both say the figure grew."""
    if change is not None or other is not Change.increase:
        return False
    return _growth_nouns(claim.lang.value).search(text, _clause_start(text, claim), claim.start) is not None


def _clause_start(text: str, claim: Claim, floor: int = 0) -> int:
    """Where the clause a figure ends starts: after the last clause break within `_CLAUSE_REACH` before it (a
    decimal point is none), and never before `floor`."""
    low = max(floor, claim.start - _CLAUSE_REACH)
    split = (_LAST_CLAUSE_SPLIT if claim.lang is Lang.zh else _EN_CLAUSE_BREAK).search(text, low, claim.start)
    return split.end() if split else low


@cache
def _growth_nouns(lang: str) -> regex.Pattern[str]:
    words = [r.cells["word"] for r in table("growth_rates.tsv") if r.cells["lang"] == lang]
    if lang == "en":
        return patterns.compile(rf"\b(?:{alternation(words)})\b", regex.IGNORECASE)
    return patterns.compile(alternation(words))


def _signed_pair(zh: Claim, en: Claim) -> bool:
    """Whether two single figures of one kind are numbers and one of them is negative (a range's negative end,
    -5至3摄氏度, is a level, not a fall)."""
    return (zh.kind is en.kind and isinstance(zh.value, (int, float)) and isinstance(en.value, (int, float))
            and zh.value_max is None and en.value_max is None and min(zh.value, en.value) < 0)


def _same_effect(zh: Claim, en: Claim) -> bool:
    """Whether a negative figure and the other's states the same change: -3.5% (增速为-3.5%) and "fell by 3.5%",
    a fall being the negative of its size."""
    return _signed_pair(zh, en) and zh.change != en.change and _effect(zh) == _effect(en)


def _opposite_sign(zh: Claim, en: Claim) -> bool:
    """Whether one figure is the other with its sign turned (-3.5% as 3.5%): the sizes agree, the direction not."""
    return _signed_pair(zh, en) and abs(zh.value) == abs(en.value)


def _effect(claim: Claim) -> Decimal:
    """A figure as the signed change it states: a fall of 3.5% is -3.5."""
    return -_number(claim) if claim.change is Change.decrease else _number(claim)


def _rounded(number: Decimal) -> str:
    """A converted figure to show: whole above 100, else four significant digits."""
    return f"{round(number):,}" if abs(number) >= 100 else f"{float(number):.4g}"


def _show(claim: Claim) -> str:
    value = claim.value
    if isinstance(value, (int, float)) and claim.kind is not ClaimKind.percent:
        shown = f"{value:,}"
    else:
        shown = str(value)
    return f"{shown}{'%' if claim.kind is ClaimKind.percent else ''}{' ' + claim.unit if claim.kind is ClaimKind.money and claim.unit else ''}"


def _direction(claim: Claim) -> str:
    change = _implied_change(claim)
    return {None: "no direction", "increase": "an increase", "decrease": "a decrease"}[change.value if change else None]


def _implied_change(claim: Claim) -> Change | None:
    """The change a claim states: its change word's, or a fall for a negative figure with none (增速为-3.5%)."""
    if claim.change is None and claim.value_max is None and isinstance(claim.value, (int, float)) and claim.value < 0:
        return Change.decrease
    return claim.change


def _unit_problem(text: str, zh: Claim, en: Claim, match: str) -> tuple[Severity, str] | None:
    kinds = {zh.kind, en.kind}
    if match == Match.EQUAL and zh.kind is en.kind is ClaimKind.count and (measured := _measured_apart(text, zh, en)):
        return Severity.error, f"are the same number in different units: {zh.unit} vs {measured}"
    if (match == Match.EQUAL and zh.kind is en.kind is ClaimKind.duration and (zh_days := days_of_unit(zh))
            and (en_days := days_of_unit(en)) and zh_days != en_days):
        return Severity.error, f"are the same number in different units of time: {zh.unit} vs {en.unit}"
    if zh.kind is ClaimKind.money and en.kind is ClaimKind.money and zh.unit and en.unit and zh.unit != en.unit:
        return Severity.error, f"are in different currencies: {zh.unit} vs {en.unit}"
    if kinds == {ClaimKind.percent, ClaimKind.points}:
        if zh.kind is ClaimKind.percent and _compared_rate(text, zh):  # 低于世界平均水平2.6%: often meant as points
            return Severity.warning, "mix a percentage and percentage points (the Chinese compares two rates with %)"
        return Severity.error, "mix a percentage and percentage points"
    if kinds == {ClaimKind.percent, ClaimKind.ratio} and PER_MILLE in (zh.unit, en.unit):
        return Severity.error, "mix a percentage and a rate per thousand"
    if kinds == {ClaimKind.money, ClaimKind.count}:
        return Severity.warning, "are money in one language and a plain count in the other"
    return None


def _compared_rate(text: str, claim: Claim) -> bool:
    """Whether a Chinese percent is the difference from a base it is compared with (高于全国平均水平2.1%,
    低于世界平均水平2.6%: rules/change_words.tsv, than): Chinese writes such a difference of two rates with % where
    it often means percentage points, so only a reader can tell which the English should say."""
    return _than_words().search(text, _clause_start(text, claim), claim.start) is not None


@cache
def _than_words() -> regex.Pattern[str]:
    return patterns.compile(alternation([r.cells["word"] for r in table("change_words.tsv")
                                         if r.cells["lang"] == "zh" and r.cells["position"] == "than"]))


def _measured_apart(text: str, zh: Claim, en: Claim) -> str | None:
    """The English unit of measure after `en` when it measures another thing than the Chinese one, or the same
    at another size (平方米 vs square kilometers, 公里 vs meters; rules/measure_units.tsv), and no conversion
    between them is known: the number was copied, not converted."""
    measured = _measure_pair(text, zh, en)
    if measured is None or conversion_factor(zh, en) is not None:
        return None
    zh_measure, en_measure, written = measured
    return written if en_measure != zh_measure else None


def _converted_measure(text: str, zh: Claim, en: Claim) -> bool:
    """Whether the English converts the Chinese figure to another unit of the same measure (rules/measure_units.tsv),
    written rounded to the digits it gives: 3.5万平方米 as 0.035 square kilometers, 120公里 as 120,000 meters."""
    if zh.kind is not en.kind or zh.value_max or en.value_max:
        return False
    measured = _measure_pair(text, zh, en)
    if measured is None:
        return False
    (zh_dimension, zh_size), (en_dimension, en_size), _ = measured
    stated, given = _number(zh), _number(en)
    if en_dimension != zh_dimension or en_size == zh_size or stated is None or given is None:
        return False
    converted = stated * zh_size / en_size
    return abs(converted - given) <= max(written_half(en, given), CONVERSION_SLACK * abs(converted))


Measure = tuple[str, Decimal]
"""What a unit measures and its size in that measure's base unit."""


def _measure_pair(text: str, zh: Claim, en: Claim) -> tuple[Measure, Measure, str] | None:
    """The measures of a Chinese claim's unit and of the unit written right after the English figure, and that
    English unit as written; None unless both are units of rules/measure_units.tsv."""
    zh_measure = _measures(Lang.zh).get(zh.unit or "")
    if zh_measure is None:  # most pairs: looked up before any English text is matched
        return None
    written = _en_measure().match(text, en.end, min(len(text), en.end + _MEASURE_REACH))
    if written is None:
        return None
    return zh_measure, _measures(Lang.en)[written.group("u").lower()], written.group("u")


_MEASURE_REACH = 30
"""How far after an English figure its unit of measure may end (" square kilometres")."""


@cache
def _measures(lang: Lang) -> dict[str, Measure]:
    """rules/measure_units.tsv: a unit -> (what it measures, its size in the base unit)."""
    return {r.cells["word"]: (r.cells["dimension"], Decimal(r.cells["factor"])) for r in table("measure_units.tsv")
            if r.cells["lang"] == lang.value}


@cache
def _en_measure() -> regex.Pattern[str]:
    """An English unit of measure of rules/measure_units.tsv right after a figure, in the singular or plural."""
    return patterns.compile(rf"\s*(?P<u>{alternation(list(_measures(Lang.en)))})(?:e?s)?\b", regex.IGNORECASE)


def _missing(text: str, claim: Claim, previous: Claim | None,
             worded: dict[tuple[str | None, Decimal], str] | None = None) -> tuple[DiscrepancyKind, Severity, list[Claim], list[Claim], str]:
    other = "English" if claim.lang is Lang.zh else "Chinese"
    converted = _conversion(text, claim, previous)
    word = (worded or {}).get((claim.section, _number(claim))) if claim.lang is Lang.en and claim.kind is ClaimKind.count else None
    quantity = (claim.kind in QUANTITIES and not _quoted(text, claim) and not converted and not _counts_list(text, claim)
                and not _ROUND_BOUND.match(claim.text) and not _one_of_a_kind(claim) and word is None)
    severity = Severity.error if quantity else Severity.warning
    message = f'{claim.lang.value} "{claim.text}" ({claim.kind.value} {_show(claim)}) has no {other} counterpart in section {claim.section}'
    if converted and previous:
        message += f', a conversion of "{previous.text}" in brackets.'
    elif word:
        message += f'; the Chinese writes the number as part of a word there ("{word}").'
    else:
        message += "."
    if claim.lang is Lang.zh:
        return DiscrepancyKind.missing_in_en, severity, [claim], [], message
    return DiscrepancyKind.missing_in_zh, severity, [], [claim], message


def _worded_numerals(text: str, skipped: Sequence[Skipped]) -> dict[tuple[str | None, Decimal], str]:
    """(section, value) -> the word, for each Chinese numeral skipped as part of a word (深莞两市, 三省): English may
    write that count as a number ("the two cities"), which only a reader can weigh."""
    found: dict[tuple[str | None, Decimal], str] = {}
    for span in skipped:
        if span.lang is Lang.zh and span.reason is SkipReason.word:
            try:
                value = parse_zh_numeral(span.text)
            except ValueError:
                continue
            found.setdefault((span.section, value), text[span.start : span.end + 1])
    return found


def _one_of_a_kind(claim: Claim) -> bool:
    """A Chinese count or span of exactly one (其中一家, 一个平台, 重要一年): Chinese needs the numeral where English
    writes an article or "one of" (an important year), which states no figure, so only a reader can tell that it
    is missing. (An English "one" is written on purpose, and Chinese writes it too.)"""
    return (claim.lang is Lang.zh and claim.kind in (ClaimKind.count, ClaimKind.duration) and claim.value == 1
            and claim.approx is None and claim.value_max is None)


def _plural_rendered(document: Document, claim: Claim) -> bool:
    """A round bound (上千家) whose English section writes its plural ("thousands of")."""
    bound = _ROUND_BOUND.match(claim.text) if claim.lang is Lang.zh else None
    if bound is None:
        return False
    plural = _round_plural(_ROUND_PLURALS[bound.group()])
    return any(plural.search(document.text, s.start, s.end) for s in document.sections
               if s.lang is Lang.en and s.number == claim.section)


@cache
def _round_plural(words: str) -> regex.Pattern[str]:
    return patterns.compile(rf"\b{regex.escape(words)}\b", regex.IGNORECASE)


def _counts_list(text: str, claim: Claim) -> bool:
    """A Chinese count that restates the list right before it (华为、中兴两家企业, 深圳、广州、东莞3市): English
    names the items and often leaves the count out, which loses no fact."""
    if claim.lang is not Lang.zh or claim.kind is not ClaimKind.count or not isinstance(claim.value, int):
        return False
    low = max(0, claim.start - _CLAUSE_REACH)
    split = _LAST_SENTENCE_PART.search(text, low, claim.start)
    items = len(_LIST_ITEMS.split(text[split.end() if split else low : claim.start]))
    return items >= 2 and items == claim.value


def _conversion(text: str, claim: Claim, previous: Claim | None) -> bool:
    """A sum in brackets right after a sum in another currency (150 million yuan (about US$22 million),
    1.5亿元（约合2200万美元）): the translator's or the author's aid to the reader, for a reader to judge."""
    return (previous is not None and claim.kind is ClaimKind.money and previous.kind is ClaimKind.money
            and previous.unit != claim.unit and previous.sentence == claim.sentence
            and _CONVERSION_GAP.fullmatch(text, previous.end, claim.start) is not None)


def _number(claim: Claim) -> Decimal:
    return Decimal(str(claim.value))


def _runs(claims: list[Claim], text: str) -> Iterator[list[Claim]]:
    """Claims grouped by runs of sentences joined by semicolons (a list of courts is one run)."""
    run: list[Claim] = []
    for claim in claims:
        if run and (claim.paragraph != run[-1].paragraph or _run_ended(text, run[-1], claim)):
            yield run
            run = []
        run.append(claim)
    if run:
        yield run


def _run_ended(text: str, before: Claim, after: Claim) -> bool:
    between = text[before.end : after.start]
    return bool(_SENTENCE_STOP.search(between)) and not _cues(after.lang.value, "parts").search(between)


def _sums(text: str, claims: list[Claim]) -> Iterator[tuple[DiscrepancyKind, Severity, list[Claim], list[Claim], str]]:
    """Totals and the parts stated for them: 共...17人,副高级3人,中级11人,初级2人; courts after 其中."""
    for run in _runs([c for c in claims if c.kind in (ClaimKind.count, ClaimKind.money)], text):
        if len(run) < 3:
            continue  # a total and at least two parts
        lang = run[0].lang.value
        cues = [m.end() for m in _cues(lang, "parts").finditer(text, run[0].start, run[-1].start)]
        keys = [_keys(text, c) for c in run] if cues else []
        starts = [c.start for c in run]
        closing = _closing_totals(text, run)
        closed = {part.id for parts in closing.values() for part in parts}
        for i, total in enumerate(run):
            if i in closing:
                parts, exhaustive = closing[i], True
            elif total.id in closed:
                continue  # 共获得金奖4项，…，合计20项: an item of the list the closing total adds up
            else:
                parts = _keyed_parts(run, starts, keys, cues, i)
                exhaustive = not parts or _tallied(keys, starts, total, parts)
                if len(parts) < 2:
                    parts, exhaustive = _listed_parts(text, run, i)
            if len(parts) < 2:
                continue
            stated, added = _number(total), sum(_number(p) for p in parts)
            if stated == added or added < stated and (not exhaustive or added < stated * MIN_BREAKDOWN_SHARE):
                continue
            if added > stated and i not in closing and _made_before_the_end(stated, parts):
                continue
            severity = Severity.error if added > stated or i in closing else Severity.warning
            listed = " + ".join(p.text for p in parts)
            zh, en = ([total, *parts], []) if total.lang is Lang.zh else ([], [total, *parts])
            yield (DiscrepancyKind.internal_sum, severity, zh, en,
                   f'{total.lang.value} "{total.text}" is stated as a total but its parts {listed} add up to {added:,}.')


def _made_before_the_end(stated: Decimal, parts: list[Claim]) -> bool:
    """Whether parts that overshoot their total make it exactly before the last: the list ended there, and what
    follows is another statement (其中出口179326亿元，进口142231亿元，贸易顺差37096亿元: the surplus is their
    difference, not a third part)."""
    running = Decimal(0)
    for k, part in enumerate(parts[:-1]):
        running += _number(part)
        if k and running == stated:
            return True
    return False


def _closing_totals(text: str, run: list[Claim]) -> dict[int, list[Claim]]:
    """Totals stated after their parts (金奖4项，银奖6项，铜奖10项，合计20项; 20 in total): index -> the figures
    of its kind (and, in Chinese, its unit) before it in its sentence, when there are two or more. The cue opens
    the total's clause (合计20项, never 全年共计授权49,756件 after other figures) or, in English, stands right
    before or after it ("for a total of 20", "20 awards in total")."""
    lang = run[0].lang
    before_cue, after_cue = _closing_cues(lang)
    totals: dict[int, list[Claim]] = {}
    for i, total in enumerate(run):
        if i < 2:
            continue
        split = _LAST_SENTENCE_PART.search(text, max(0, total.start - _CLAUSE_REACH), total.start)
        opening = split.end() if split else max(0, total.start - _CLAUSE_REACH)
        if not (before_cue.fullmatch(text, opening, total.start)
                or after_cue is not None and after_cue.match(text, total.end, total.end + _CLAUSE_REACH)):
            continue
        parts = [c for c in run[max(0, i - MAX_PARTS) : i] if c.sentence == total.sentence and c.kind is total.kind
                 and (lang is Lang.en or c.unit == total.unit)]
        if len(parts) >= 2 and parts[-1] is run[i - 1]:
            totals[i] = parts
    return totals


@cache
def _closing_cues(lang: Lang) -> tuple[regex.Pattern[str], regex.Pattern[str] | None]:
    """The clause before a closing total (合计 and a few characters; "for a total of", "totaling"), and in
    English what may follow it ("in total", "altogether", a noun or two first)."""
    words = _cue_words(lang.value, "closing")
    if lang is Lang.zh:
        return patterns.compile(rf"\s*(?:{alternation(words)})\p{{Han}}{{0,4}}"), None
    return (patterns.compile(rf".*\b(?:{alternation(words)})\s+", regex.IGNORECASE),
            patterns.compile(rf"(?:\s+[A-Za-z-]+){{0,2}}\s+(?:{alternation(words)})\b", regex.IGNORECASE))


def _clause_before(text: str, claim: Claim) -> str:
    return text[max(0, claim.start - _CLAUSE_REACH) : claim.start]


def _listed_parts(text: str, run: list[Claim], i: int) -> tuple[list[Claim], bool]:
    """共 N (a total of N), or N followed by 其中 (among which), then the figures of its kind right after it.

    After 共 the list is the whole breakdown; after 其中 it may name only some parts. A figure followed by 、
    is itself an item of a list.
    """
    total = run[i]
    if text.startswith(_LIST_MARK, total.end):
        return [], False  # 示范企业35家、优势企业68家: an item of a list, not its total
    low = max(0, total.start - _CLAUSE_REACH)
    totals = _cues(total.lang.value, "total")
    exhaustive = False
    if totals.search(text, low, total.start):  # only then can the clause before the figure hold one
        split = _LAST_CLAUSE_SPLIT.search(text, low, total.start)
        exhaustive = bool(totals.search(text, split.end() if split else low, total.start))
    following = (total.end, run[i + 1].start) if i + 1 < len(run) else (total.end, total.end)
    cued = _cues(total.lang.value, "parts").search(text, *following) is not None
    if not (exhaustive or cued):
        return [], False
    opens = cued and _opens_breakdown(text, total, run[i + 1].start)
    sentences = {total.sentence, run[i + 1].sentence} if opens else {total.sentence}
    parts: list[Claim] = []
    tallied = None if cued else _tally_verbs(text, run, i)  # after 其中 / among which, the parts are the cue's
    for k, claim in enumerate(run[i + 1 : i + 1 + MAX_PARTS], i + 1):
        if claim.sentence not in sentences or claim.kind is not total.kind or (
                total.lang is Lang.zh and claim.unit != total.unit):
            break
        if total.lang is Lang.en and ";" in text[(parts[-1] if parts else total).end : claim.start]:
            break  # "including 32,208 invention patents; 49,756 were granted": the list ended with its clause
        if tallied is not None and (own := _tally_verbs(text, run, k)) and own.isdisjoint(tallied):
            break  # 共受理1000件，审结900件: another tally of the same cases, not a part of them
        parts.append(claim)
    return parts, exhaustive


def _opens_breakdown(text: str, total: Claim, next_start: int) -> bool:
    """Whether the sentence after the total's opens with a breakdown cue ("… 1.516 billion kilowatts. Of this,
    wind power …", "…15.16亿千瓦。其中，…"): its figures may be the total's parts."""
    stop = _SENTENCE_STOP.search(text, total.end, next_start)
    return stop is not None and _opening_cue(total.lang.value).match(text, stop.start() + 1, next_start) is not None


@cache
def _opening_cue(lang: str) -> regex.Pattern[str]:
    return patterns.compile(rf"\s*(?:{alternation(_cue_words(lang, 'parts'))})\b", regex.IGNORECASE)


def _tally_verbs(text: str, run: list[Claim], k: int) -> set[str]:
    """The verbs that say what run[k] tallies: in Chinese those of rules/tally_verbs.tsv in its clause before it
    (共受理案件1000件, 审结900件), in English the -ed words after it up to the clause's end ("900 were concluded")."""
    claim = run[k]
    if claim.lang is Lang.zh:
        return set(_TALLY_VERBS.findall(text, _clause_start(text, claim, run[k - 1].end if k else 0), claim.start))
    end = min(claim.end + _CLAUSE_REACH, run[k + 1].start if k + 1 < len(run) else len(text))
    split = _EN_CLAUSE_SPLIT.search(text, claim.end, end)
    return {w.lower() for w in _EN_KEY.findall(text, claim.end, split.start() if split else end)}


def _keyed_parts(run: list[Claim], starts: list[int], keys: list[set[str]], cues: list[int], i: int) -> list[Claim]:
    """Totals before 其中/Therein and the parts after it that repeat the total's verb (受理, closed)."""
    total = run[i]
    after = bisect_left(cues, total.end)
    if after == len(cues) or not keys[i]:
        return []
    cue_at = cues[after]
    start = bisect_left(starts, cue_at)
    parts = [c for k, c in enumerate(run[start : start + MAX_PARTS], start)
             if c.kind is total.kind and keys[k] & keys[i]]
    return parts if len(parts) >= 2 else []


def _tallied(keys: list[set[str]], starts: list[int], total: Claim, parts: list[Claim]) -> bool:
    """Whether keyed parts are the whole breakdown: each repeats a verb that tallies (受理…其中…受理, closed), as the
    courts that received a city's cases are all its courts; parts that share only a noun with their total
    (服务机构320家，其中专利代理机构68家) may be some of its kinds."""
    if total.lang is Lang.en:
        return True  # English keys are verbs already ("accepted", "closed")
    own = keys[bisect_left(starts, total.start)]
    return all(any(_TALLY_VERBS.fullmatch(key) for key in own & keys[bisect_left(starts, part.start)]) for part in parts)


def _keys(text: str, claim: Claim) -> set[str]:
    """The verbs that say what a figure counts: 受理/结案 before a Chinese one, accepted/closed before an English one."""
    before = text[max(0, claim.start - 30) : claim.start]
    if claim.lang is Lang.zh:
        clause = _CLAUSE_SPLIT.split(before)[-1]
        found = {clause[k : k + 2] for k in range(len(clause) - 1)} if clause else set()
        tail = _ZH_KEY.search(clause)
        return {tail.group()} if tail and not any(ch in clause for ch in "全共") else found
    words = _EN_CLAUSE_SPLIT.split(before)[-1].split()[-3:]
    return {w.lower() for w in words if _EN_KEY.fullmatch(w)}


def _shares(text: str, claims: list[Claim]) -> Iterator[tuple[DiscrepancyKind, Severity, list[Claim], list[Claim], str]]:
    """A share (占...22.08%, accounting for 22.08%) that no stated part / whole nearby gives."""
    for k, share in enumerate(claims):
        if share.kind not in (ClaimKind.percent, ClaimKind.fraction):
            continue
        if not _cues(share.lang.value, "share").search(_clause_before(text, share)):
            continue
        earlier = [c for c in claims[max(0, k - MAX_PARTS) : k] if c.paragraph == share.paragraph
                   and c.sentence >= share.sentence - 1 and c.kind in (ClaimKind.count, ClaimKind.money)]
        parts = [c for c in earlier if c.sentence == share.sentence]
        if not parts:
            continue
        part = parts[-1]
        scopes, named_at = _whole_scopes(text, share)
        wholes = [c for c in earlier if c is not part and c.kind is part.kind and _number(c) > _number(part)
                  and (part.lang is Lang.en or c.unit == part.unit)
                  and (not scopes or any(s in _clause_of(text, c, named_at) for s in scopes))]
        if not wholes or any(_share_holds(share, part, whole) for whole in wholes):
            continue
        whole = wholes[-1]
        ratio = _number(part) / _number(whole) * 100
        zh, en = ([share, part, whole], []) if share.lang is Lang.zh else ([], [share, part, whole])
        yield (DiscrepancyKind.internal_share, Severity.warning, zh, en,
               f'{share.lang.value} "{share.text}" is stated as a share, but "{part.text}" of "{whole.text}" is {ratio:.2f}%.')


def _whole_scopes(text: str, share: Claim) -> tuple[list[str], int]:
    """The extents (rules/breakdown_cues.tsv, scope) that the words naming a share's whole name, and where those
    words start: from 占 to the share in Chinese (占全国总量的34.8%), after the share up to the clause's end in
    English (of the country's total)."""
    if share.lang is Lang.zh:
        low = max(0, share.start - _CLAUSE_REACH)
        cue = None
        for cue in _cues("zh", "share").finditer(text, low, share.start):
            pass
        if cue is None:
            return [], share.start
        named, at = text[cue.start() : share.start], cue.start()
    else:
        named, at = _CLAUSE_END.split(text[share.end : share.end + _CLAUSE_REACH], 1)[0].lower(), share.start
    return [w for w in _scope_words(share.lang.value) if w in named], at


@cache
def _scope_words(lang: str) -> tuple[str, ...]:
    """The scope words of rules/breakdown_cues.tsv, in lower case (全国, country)."""
    return tuple(w.lower() for w in _cue_words(lang, "scope"))


def _clause_of(text: str, claim: Claim, limit: int) -> str:
    """The clause a figure stands in, in lower case: from the clause break before it to the one after it, and
    never past `limit` (where a share's own words begin)."""
    end = min(limit, claim.end + _CLAUSE_REACH)
    after = _CLAUSE_END.search(text, claim.end, end)
    return text[_clause_start(text, claim) : after.start() if after else end].lower()


def _share_holds(share: Claim, part: Claim, whole: Claim) -> bool:
    ratio = _number(part) / _number(whole) * 100
    stated = _number(share) * (100 if share.kind is ClaimKind.fraction and _number(share) <= 1 else 1)
    places = max(0, -stated.as_tuple().exponent) if isinstance(share.value, float) else 0
    tolerance = Decimal(5) / Decimal(10) ** (places + 1) + Decimal("0.0001")
    if share.approx in (Approx.over, Approx.at_least):
        return ratio >= stated
    if share.approx in (Approx.under, Approx.up_to):
        return ratio <= stated
    if share.approx in (Approx.nearly, Approx.about):
        return abs(ratio - stated) <= stated / 10
    return abs(ratio - stated) <= tolerance
