"""Stage 4, align: pair each Chinese claim with the English claim that renders it.

Sections pair by number. Within a section every zh/en pair of claims gets a
score (kind, value up to scale, order in the section, referent terms through
the glossary, bound and change), and one global assignment per section picks
the pairs, so a near miss cannot steal another claim's partner. A value that
differs by a digit or a power of ten still scores, so that a mistranslated
figure pairs and is reported as a mismatch rather than as one missing figure
on each side. A merged rendering (受理14宗,结案14宗 -> "accepted and closed
14 cases") pairs both Chinese claims with the one English claim.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Container, Iterator, Sequence
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import TYPE_CHECKING, NamedTuple

import regex

from . import patterns
from .claims import sentences
from .claims_en import MULTIPLE_WORDS
from .numbers import below_scale_place
from .records import (
    RECORD_LISTS,
    Approx,
    Change,
    Claim,
    ClaimKind,
    Document,
    Lang,
    Pair,
)
from .rules import alternation, table

if TYPE_CHECKING:
    import ahocorasick
    import numpy

GROUPS = {
    ClaimKind.count: "Q", ClaimKind.money: "Q", ClaimKind.percent: "Q", ClaimKind.points: "Q",
    ClaimKind.ratio: "Q", ClaimKind.multiple: "Q", ClaimKind.duration: "Q", ClaimKind.fraction: "Q",
    ClaimKind.rank: "R", ClaimKind.ordinal: "R",
    ClaimKind.year: "T", ClaimKind.date: "T", ClaimKind.period: "T",
}
_CLOSE_KINDS = {
    frozenset({ClaimKind.count, ClaimKind.ratio}), frozenset({ClaimKind.rank, ClaimKind.ordinal}),
    frozenset({ClaimKind.year, ClaimKind.date}), frozenset({ClaimKind.date, ClaimKind.period}),
    frozenset({ClaimKind.count, ClaimKind.money}), frozenset({ClaimKind.percent, ClaimKind.points}),
    frozenset({ClaimKind.percent, ClaimKind.fraction}), frozenset({ClaimKind.count, ClaimKind.duration}),
}
CONTEXT_CHARS = {Lang.zh: 20, Lang.en: 60}
"""How far either side of a figure its glossary terms are looked for (a Chinese character says more)."""
NEAR_REACH = 0.5
"""A near-miss value is only looked for between claims this close in their sections' order."""
LABEL_WEIGHT = 4
"""How much more a unit glossed alike counts between two ordinals: the label is what they number (第十二条
is Article 12, 第三款 Paragraph 3, whatever order the English puts them in)."""
MAX_WORDED = 100
"""The largest figure `_small_words` takes for a near miss: number words past it are rare in prose."""
_DIGIT_CHAR = patterns.compile(r"[0-9０-９]")
MIN_SCORE = 6.0
"""A pair below this is no pair: both claims are reported as missing instead."""
ROUNDABLE = frozenset({ClaimKind.count, ClaimKind.money, ClaimKind.percent, ClaimKind.points, ClaimKind.ratio})
"""Kinds a translation may write rounded (22398.4亿元 as 2.24 trillion yuan)."""
ROUNDING_REACH = Decimal("0.05")
"""A rounded value is only looked for within this share of the larger value: no rounding moves a figure further."""
CONVERSION_SLACK = Decimal("0.001")
"""How far a converted figure may stray beyond its rounding: a factor is exact to a few digits (an acre)."""
TIME_SLACK = Decimal("0.02")
"""How far a span of time converted into another unit may stray: months hold 28 to 31 days (1个月 as 30 days)."""
_MANTISSA = patterns.compile(r"[0-9０-９][0-9０-９,，]*(?:[.．﹒][0-9０-９]+)?")
_TIMES_WORD = patterns.compile(r"倍[多余]?(?:以上|左右)?$")
"""A zh multiple's last word, a bound after it allowed (增长了两倍多, 增长一倍以上)."""
_ASCII_NUMBER = str.maketrans("０１２３４５６７８９．﹒", "0123456789..", ",，")


class Match:
    """How two values compare: equal, the English the Chinese rounded, the Chinese in another unit (8亿亩 as
    53.3 million hectares), off by a power of ten, a near miss, or unrelated."""

    EQUAL, ROUNDED, CONVERTED, SCALE, NEAR, OTHER = "equal", "rounded", "converted", "scale", "near", "other"


class Features(NamedTuple):
    """What scoring needs of one claim, computed once per claim rather than once per candidate pair."""

    claim: Claim
    group: str
    number: Decimal | None
    significant: str
    digits: str
    terms: int
    """The glossary entries its referent and context mention, bit i for entry i (see `glossary_terms`)."""
    glosses: tuple[str, ...]
    position: float
    section: str
    """The section it pairs in: its own, or its chapter where the other language does not number it."""
    factor: Decimal | None = None
    """The factor a multiple's words name exactly (`multiple_factor`): 增长了一倍 pairs with "doubled"."""
    step: float = 1.0
    """How far `position` moves from one claim of its section to the next."""


def features(claim: Claim, context: str = "", position: float = 0.0, section: str | None = None,
             factor: Decimal | None = None, step: float = 1.0) -> Features:
    """A claim's value in comparable forms and the glossary entries its context mentions."""
    number = _number(claim)
    significant, digits = _digit_forms(number)
    if not context:
        return Features(claim, GROUPS[claim.kind], number, significant, digits, 0, ("",), position,
                        section or claim.section, factor, step)
    terms = glossary_terms(claim.lang, context)
    if claim.lang is Lang.zh:
        glosses = _unit_glosses().get(claim.unit or "", ())
    else:
        glosses = ((claim.unit or "").lower(),)
    return Features(claim, GROUPS[claim.kind], number, significant, digits, terms, glosses, position,
                    section or claim.section, factor, step)


def glossary_terms(lang: Lang, text: str) -> int:
    """The glossary entries a text mentions (any of their words is a substring of it), as a bit mask:
    bit i for entry i."""
    if lang is Lang.en:
        text = text.lower()
    found = 0
    for _, entries in _glossary_finder(lang).iter(text):
        found |= entries
    return found


@cache
def _glossary_words(lang: Lang) -> tuple[tuple[str, int], ...]:
    """(word, entry index) for every Chinese term or English rendering."""
    return tuple((word, i) for i, (term, renderings) in enumerate(_glossary())
                 for word in ((term,) if lang is Lang.zh else renderings))


@cache
def _glossary_finder(lang: Lang) -> ahocorasick.Automaton:
    """An Aho-Corasick automaton of a language's glossary words: every substring hit in one pass over a
    text, rather than one `in` test per word; each word carries the entries it renders."""
    import ahocorasick

    entries: dict[str, set[int]] = defaultdict(set)
    for word, index in _glossary_words(lang):
        entries[word].add(index)
    automaton = ahocorasick.Automaton()
    for word, indices in entries.items():
        automaton.add_word(word, sum(1 << i for i in indices))
    automaton.make_automaton()
    return automaton


@cache
def _grew_by() -> regex.Pattern[str]:
    """The verbs of growth (rules/change_words.tsv) right before a zh multiple: 增长了两倍 grew *by* two times."""
    verbs = [r.cells["word"] for r in table("change_words.tsv")
             if r.cells["lang"] == "zh" and r.cells["position"] == "before" and r.cells["direction"] == "increase"]
    return patterns.compile(rf"(?:{alternation(verbs)})了?", regex.REVERSE)


def multiple_factor(text: str, claim: Claim) -> Decimal | None:
    """The factor a multiple's words name exactly: 增长了两倍 (grown *by* two times) is 3 times the base, and
    "tripled" is 3; so does a rise by a percentage (grew by 150 percent: 2.5 times the base, as 增长了1.5倍 is).
    A count of times (3倍, 是上年的3倍, 3-fold, three times) names none here: translators render 增长19倍 as
    "19-fold", so such a count is compared as written."""
    if claim.kind is ClaimKind.percent and claim.change is Change.increase and claim.value_max is None:
        return 1 + Decimal(str(claim.value)) / 100
    if claim.kind is not ClaimKind.multiple:
        return None
    if claim.lang is Lang.en:
        return Decimal(str(claim.value)) if claim.text.rsplit(None, 1)[-1].lower() in MULTIPLE_WORDS else None
    if _TIMES_WORD.search(claim.text) and _grew_by().match(text, max(0, claim.start - 8), claim.start):
        return Decimal(str(claim.value)) + 1
    return None


def compare_values(zh: Claim, en: Claim) -> str:
    """How the values of two claims of one group compare (fractions as shares, 一半 = 50%).

    Most pairs are equal, which needs only the two numbers; the digit forms are built for the rest.
    """
    if GROUPS[zh.kind] == "T":
        return _compare_times(str(zh.value), str(en.value))
    a, b = _number(zh), _number(en)
    if a is None or b is None:
        return Match.OTHER
    return Match.EQUAL if a == b else _compare(features(zh), features(en))


def _compare_times(x: str, y: str) -> str:
    """Times are near when they share the year, one holds the other (2013 and 2013-09), or their years differ
    in one digit before the last (2020 and 2010: a translation that changed a digit). Bare years one apart (2013
    and 2014) are never near: a paper names its neighbouring years often, and either language may name one
    more time than the other; a month or a day named alike makes a year one apart a changed digit (2012-10 and
    2011-10)."""
    if x == y:
        return Match.EQUAL
    if x[:4] == y[:4] or x.startswith(y) or y.startswith(x):
        return Match.NEAR
    differ = [k for k, (a, b) in enumerate(zip(x, y)) if a != b]
    last = 4 if len(x) > 4 and x[4] == "-" else 3
    return Match.NEAR if len(x) == len(y) and len(differ) == 1 and differ[0] < last else Match.OTHER


def _compare(a: Features, b: Features) -> str:
    if a.group == "T":
        return _compare_times(str(a.claim.value), str(b.claim.value))
    if a.number is None or b.number is None:
        return Match.OTHER
    if a.number == b.number:
        return Match.EQUAL
    if rounds_to(a, b):
        return Match.ROUNDED
    if converts(a, b):
        return Match.CONVERTED
    if a.significant == b.significant and a.number and b.number and (a.number > 0) == (b.number > 0):
        return Match.SCALE
    if rounds_rescaled(a, b):
        return Match.SCALE
    if _digits_near(a.digits, b.digits) or a.claim.kind is b.claim.kind is ClaimKind.fraction:
        return Match.NEAR  # a fraction's digits say little: one fifth and one sixth are one figure changed
    return Match.OTHER


def rounds_to(zh: Features, en: Features) -> bool:
    """Whether the English writes the Chinese figure rounded: to fewer digits, with the Chinese value within
    half its last digit (22398.4亿元 as 2.24 trillion yuan, 12.46% as 12.5%). Only the translation may round:
    an English figure finer than the Chinese one (7.8亿元 as RMB 781 million) states another value."""
    a, b = zh.number, en.number
    if (a is None or b is None or zh.claim.kind not in ROUNDABLE or en.claim.kind not in ROUNDABLE
            or abs(a - b) > ROUNDING_REACH * max(abs(a), abs(b))):
        return False
    half = written_half(en.claim, b, rounded=en.claim.approx is Approx.about)
    return half > written_half(zh.claim, a) and abs(a - b) <= half


def rounds_rescaled(zh: Features, en: Features) -> bool:
    """Whether the English writes the Chinese figure rounded and off by a power of ten (24426亿元 as RMB2.44
    billion, where trillion was meant): a scale error, however the digits were rounded."""
    a, b = zh.number, en.number
    if not a or not b or (a > 0) != (b > 0) or zh.claim.kind not in ROUNDABLE or en.claim.kind not in ROUNDABLE:
        return False
    shift = round(math.log10(abs(b / a)))
    if shift == 0:
        return False
    half = written_half(en.claim, b)
    return abs(a.scaleb(shift) - b) <= half and half > written_half(zh.claim, a).scaleb(shift)


def converts(zh: Features, en: Features) -> bool:
    """Whether the English writes the Chinese figure in another unit (rules/unit_conversions.tsv), rounded to
    the digits it gives: 8亿亩 as 53.3 million hectares, 13390亿斤 as 669.5 million tonnes."""
    factor = conversion_factor(zh.claim, en.claim)
    if factor is None or zh.number is None or en.number is None:
        return False
    converted = zh.number * factor
    slack = TIME_SLACK if zh.claim.kind is ClaimKind.duration else CONVERSION_SLACK
    return abs(converted - en.number) <= max(written_half(en.claim, en.number), slack * abs(converted))


def conversion_factor(zh: Claim, en: Claim) -> Decimal | None:
    """What the Chinese figure is multiplied by in the English claim's unit (亩 to hectares: 1/15; 年 to months:
    12), if it converts."""
    factors = _conversions().get(zh.unit or "")
    if factors and en.unit:
        return factors.get(_singular(en.unit))
    zh_days, en_days = days_of_unit(zh), days_of_unit(en)
    return zh_days / en_days if zh_days and en_days and zh_days != en_days else None


def days_of_unit(claim: Claim) -> Decimal | None:
    """How many days one of a span of time's unit is (rules/time_units.tsv); None for any other figure."""
    if claim.kind is not ClaimKind.duration or not claim.unit:
        return None
    return _time_units().get((claim.lang.value, claim.unit))


@cache
def _time_units() -> dict[tuple[str, str], Decimal]:
    return {(row.cells["lang"], row.cells["word"]): _fraction(row.cells["days"]) for row in table("time_units.tsv")}


def _fraction(cell: str) -> Decimal:
    """A rules cell holding a decimal or a fraction n/d."""
    numerator, _, denominator = cell.partition("/")
    return Decimal(numerator) / Decimal(denominator or 1)


def _singular(unit: str) -> str:
    word = unit.split(None, 1)[0].lower()
    return word[:-1] if word.endswith("s") and len(word) > 2 else word


@cache
def _conversions() -> dict[str, dict[str, Decimal]]:
    """zh unit -> {English unit: the factor from the Chinese figure to the English one}."""
    conversions: dict[str, dict[str, Decimal]] = defaultdict(dict)
    for row in table("unit_conversions.tsv"):
        conversions[row.cells["zh"]][row.cells["en"]] = _fraction(row.cells["factor"])
    return dict(conversions)


def written_half(claim: Claim, number: Decimal, rounded: bool = False) -> Decimal:
    """Half the unit of the last digit a figure writes (2.24 trillion: 0.005 trillion; 22398.4亿: 0.05亿); 0 for
    a range or a figure not written in digits, which no rounding is read into. `rounded` (about 80,700) reads
    the trailing zeros of a whole number as rounding: half of 100 there."""
    mantissa = _MANTISSA.search(claim.text) if claim.value_max is None else None
    if mantissa is None:
        return Decimal(0)
    if claim.lang is Lang.zh and (place := below_scale_place(claim.text, rounded)) is not None:
        return place / 2  # 5万3345: its last digit is a unit, not a 万
    written = Decimal(mantissa.group().translate(_ASCII_NUMBER))
    if not written:
        return Decimal(0)
    exponent = written.as_tuple().exponent
    if rounded and isinstance(exponent, int) and exponent >= 0:
        exponent = written.normalize().as_tuple().exponent
    return abs(number / written).scaleb(exponent) / 2


def _number(claim: Claim) -> Decimal | None:
    try:
        number = Decimal(str(claim.value))
    except (InvalidOperation, TypeError):
        return None
    if claim.kind is ClaimKind.fraction and number <= 1:
        number *= 100
    return number


def _digits_near(a: str, b: str) -> bool:
    """One or two digits changed, swapped, added or dropped (3,215 vs 3,251; 80,657 vs 8,657)."""
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        return len(differ) == 1 or (len(differ) == 2 and a[differ[0]] == b[differ[1]] and a[differ[1]] == b[differ[0]]) \
            or (len(differ) == 2 and len(a) >= 4)
    shorter, longer = sorted((a, b), key=len)
    return len(longer) - len(shorter) == 1 and any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def _digit_forms(number: Decimal | None) -> tuple[str, str]:
    """The significant digits (62906 for 6,290,600, so that a rescaling compares equal) and all the digits
    without point or leading zeros (6290600, for near misses); for no number, "0" and ""."""
    if number is None:
        return "0", ""
    whole, _, fraction = format(number.copy_abs(), "f").partition(".")
    digits = (whole + fraction.rstrip("0")).lstrip("0") or "0"
    return digits.rstrip("0") or "0", digits


@cache
def _glossary() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((r.cells["zh"], tuple(r.cells["en"].split("|"))) for r in table("glossary.tsv"))


@cache
def _unit_glosses() -> dict[str, tuple[str, ...]]:
    return {r.cells["word"]: tuple(r.cells["en"].lower().split("|")) for r in table("zh_units.tsv", optional=frozenset({"years", "one_kind"}))}


_KIND_SCORES = {(k, k): 3.0 for k in ClaimKind} | {
    (x, y): 1.5 for pair in _CLOSE_KINDS for x in pair for y in pair if x is not y}


def align(document: Document, claims: Sequence[Claim]) -> list[Pair]:
    """Pairs of zh and en claim ids, within sections of the same number, in Chinese document order.

    The sections are scored together in blocks (zero across sections), so the fixed cost of each array
    operation is paid once a block rather than once a section, and no block grows past MAX_BLOCK_CELLS;
    the assignment falls apart into one per section either way.
    """
    import lap

    zh = [c for c in claims if c.lang is Lang.zh]
    en = [c for c in claims if c.lang is Lang.en]
    if not zh or not en:
        return []
    spans = _sentence_spans(document)
    zh_keys, en_keys = _pairing_sections(zh, en)
    zh_features = _features_by_section(document.text, zh, spans, zh_keys)
    en_features = _features_by_section(document.text, en, spans, en_keys)
    chosen: dict[int, int] = {}
    scored: dict[tuple[int, int], float] = {}
    for rows, columns in _blocks(zh_features, en_features):
        scores = score_matrix([zh_features[i] for i in rows], [en_features[j] for j in columns])
        _, assigned, _ = lap.lapjv(-scores, extend_cost=True)
        for a, b in enumerate(assigned.tolist()):
            if b >= 0 and scores[a, b] >= MIN_SCORE:
                chosen[rows[a]] = columns[b]
                scored[rows[a], columns[b]] = float(scores[a, b])

    def score(i: int, j: int) -> float:
        if (i, j) not in scored:
            scored[i, j] = float(score_matrix([zh_features[i]], [en_features[j]])[0, 0])
        return scored[i, j]

    pairs = [dict(doc_id=document.id, zh=zh[i].id, en=en[j].id, score=round(score(i, j), 3)) for i, j in chosen.items()]
    pairs += _merged(document.id, zh, en, chosen, score)
    pairs += _split_ranges(document.id, zh, en, chosen, score)
    order = {c.id: i for i, c in enumerate(claims)}
    pairs.sort(key=lambda p: (order[p["zh"]], order[p["en"]]))
    return RECORD_LISTS["pairs"].validate_python(pairs)


MAX_BLOCK_CELLS = 250_000
"""The most zh x en cells one score matrix holds (a few MB an array): a paper's sections are scored together
up to it, and a section larger than it in consecutive slices."""
SLICE_CLAIMS = 150
"""A section too large for one block is cut into slices of about this many figures a language, each slice of
Chinese scored against the slice of English at the same place in the section (a pair across two slices is then
not found). A band this narrow costs a fraction of a dense block per figure; no real paper's section is cut."""


def _pairing_sections(zh: list[Claim], en: list[Claim]) -> tuple[dict[str, str], dict[str, str]]:
    """Each language's section numbers as the sections they pair in: a subsection pairs in its chapter when
    the other language numbers that chapter but none of its subsections (an English part that numbers only
    chapters puts the figures of 一、's (一) in I.; they would otherwise all be missing). A subsection the
    other language drops while it numbers its siblings stays apart: its figures are missing."""
    zh_numbers, en_numbers = {c.section for c in zh}, {c.section for c in en}

    def key(number: str, other: set[str]) -> str:
        while number not in other and "." in number:
            chapter = number.rsplit(".", 1)[0]
            if any(n.startswith(f"{chapter}.") for n in other):
                break
            number = chapter
        return number

    return {s: key(s, en_numbers) for s in zh_numbers}, {s: key(s, zh_numbers) for s in en_numbers}


def _blocks(zh: Sequence[Features], en: Sequence[Features]) -> Iterator[tuple[list[int], list[int]]]:
    """The (zh indices, en indices) of each score matrix: whole sections in document order while the block
    stays within MAX_BLOCK_CELLS, slices of any section too large for one."""
    by_section: dict[str, tuple[list[int], list[int]]] = {}
    for i, claim in enumerate(zh):
        by_section.setdefault(claim.section, ([], []))[0].append(i)
    for j, claim in enumerate(en):
        if claim.section in by_section:
            by_section[claim.section][1].append(j)
    rows: list[int] = []
    columns: list[int] = []
    for zh_ids, en_ids in by_section.values():
        if not en_ids:
            continue
        if (len(rows) + len(zh_ids)) * (len(columns) + len(en_ids)) > MAX_BLOCK_CELLS and rows:
            yield sorted(rows), sorted(columns)
            rows, columns = [], []
        if len(zh_ids) * len(en_ids) <= MAX_BLOCK_CELLS:
            rows += zh_ids
            columns += en_ids
            continue
        slices = -(-max(len(zh_ids), len(en_ids)) // min(SLICE_CLAIMS, math.isqrt(MAX_BLOCK_CELLS)))
        for k in range(slices):
            yield (zh_ids[k * len(zh_ids) // slices : (k + 1) * len(zh_ids) // slices],
                   en_ids[k * len(en_ids) // slices : (k + 1) * len(en_ids) // slices])
    if rows:
        yield sorted(rows), sorted(columns)


def _features_by_section(text: str, claims: list[Claim], spans: dict[tuple[Lang, int], tuple[int, int]],
                         sections: dict[str, str]) -> list[Features]:
    """Each claim's features, its position measured within the section it pairs in (`_pairing_sections`)."""
    counts: dict[str, int] = defaultdict(int)
    for claim in claims:
        counts[sections[claim.section]] += 1
    seen: dict[str, int] = defaultdict(int)
    result = []
    for claim in claims:
        section = sections[claim.section]
        step = 1 / max(1, counts[section] - 1)
        position = seen[section] * step
        seen[section] += 1
        result.append(features(claim, _context(text, claim, spans), position, section, multiple_factor(text, claim),
                               step))
    return result


def _sentence_spans(document: Document) -> dict[tuple[Lang, int], tuple[int, int]]:
    """Each sentence's span by (language, Claim.sentence): a claim's context stays inside it."""
    return {(lang, index): (sentence.start, sentence.end)
            for lang in Lang for _, _, index, sentence in sentences(document, lang)}


def _context(text: str, claim: Claim, spans: dict[tuple[Lang, int], tuple[int, int]]) -> str:
    """The claim's referent and the words around it in its sentence: where glossary terms are looked for."""
    start, end = spans.get((claim.lang, claim.sentence), (claim.start, claim.end))
    reach = CONTEXT_CHARS[claim.lang]
    return f"{claim.referent or ''} {text[max(start, claim.start - reach) : min(end, claim.end + reach)]}"


def score_matrix(zh: list[Features], en: list[Features]) -> "numpy.ndarray":
    """How likely each English claim renders each Chinese one, for a whole section at once.

    The sum of: kind (3 same, 1.5 close, 0.5 other), value (6 equal, 5.5 rounded, 3.5 off by a power
    of ten or a near miss), order (up to 2 for the same relative position), glossary terms shared (0.75
    each, up to 2), a unit glossed alike (0.5; 2 between ordinals), the same bound and the same change (0.25
    each).
    Claims of different sections or groups (quantity, rank, time) score 0; below MIN_SCORE is no pair.
    """
    import numpy

    kinds, kind_table = _kind_table()
    ids: dict[object, int] = {}
    code = ids.setdefault

    def keys(claims: list[Features], no_factor: int) -> numpy.ndarray:
        """Per claim, as small ints shared by both languages: section and group, value, significant
        digits, bound, change, kind, digit count, whether it is a time and has a number, and the factor
        its words name (`no_factor`, which the other language never has, for none)."""
        return numpy.array([
            (code((f.section, f.group), len(ids)),
             code(str(f.claim.value) if f.group == "T" else f.number, len(ids)),
             code(("T", f.claim.value) if f.group == "T" or not f.number else f.significant, len(ids)),
             code(f.claim.approx, len(ids)), code(f.claim.change, len(ids)), kinds[f.claim.kind], len(f.digits),
             f.group == "T", f.number is not None,
             no_factor if f.factor is None else code(("F", f.factor), len(ids)))
            for f in claims], dtype=numpy.int64).reshape(len(claims), 10)

    zh_keys, en_keys = keys(zh, -1), keys(en, -2)
    group_zh, value_zh, significant_zh, approx_zh, change_zh, kind_zh, length_zh = (zh_keys[:, k, None] for k in range(7))
    group_en, value_en, significant_en, approx_en, change_en, kind_en, length_en = (en_keys[None, :, k] for k in range(7))
    timed = zh_keys[:, 7, None].astype(bool)
    counted = zh_keys[:, 8, None].astype(bool) & en_keys[None, :, 8].astype(bool)
    same_group = group_zh == group_en
    total = kind_table[kind_zh, kind_en]
    equal = (value_zh == value_en) | (zh_keys[:, 9, None] == en_keys[None, :, 9])
    scale = (significant_zh == significant_en) & ~equal
    position_zh = numpy.array([f.position for f in zh])[:, None]
    position_en = numpy.array([f.position for f in en])[None, :]
    distance = numpy.abs(position_zh - position_en)
    zh_units = list(dict.fromkeys(f.glosses for f in zh))
    en_units = list(dict.fromkeys(f.glosses[0] for f in en))
    glossed = {g: numpy.array([bool(word) and g in word for word in en_units]) for g in {g for u in zh_units for g in u}}
    unit_table = 0.5 * numpy.array([numpy.logical_or.reduce([glossed[g] for g in glosses]) if glosses
                                    else numpy.zeros(len(en_units), dtype=bool) for glosses in zh_units])
    unit_bonus = unit_table[numpy.array([zh_units.index(f.glosses) for f in zh])[:, None],
                            numpy.array([en_units.index(f.glosses[0]) for f in en])[None, :]]
    labelled = (kind_zh == kinds[ClaimKind.ordinal]) & (kind_en == kinds[ClaimKind.ordinal])
    # near misses are looked for close in order (in a short section, one place apart is close), or between
    # ordinals of one label (第十二条 and Article 13)
    step = numpy.maximum(numpy.array([f.step for f in zh])[:, None], numpy.array([f.step for f in en])[None, :])
    reach = (distance < NEAR_REACH) | (distance <= step * 1.000001) | (labelled & (unit_bonus > 0))
    near = same_group & ~equal & ~scale & reach
    rows, columns = numpy.nonzero(near & ~timed & counted & (abs(length_zh - length_en) <= 1))
    quantities = numpy.zeros_like(near)
    width = max(1, int(zh_keys[:, 6].max()), int(en_keys[:, 6].max()))
    quantities[rows, columns] = _near_digits(_DigitGrid(zh, "a", width), rows, _DigitGrid(en, "b", width), columns)
    for i, j in numpy.argwhere(near & timed).tolist():
        quantities[i, j] = _compare(zh[i], en[j]) == Match.NEAR
    near &= quantities
    near |= same_group & ~equal & ~scale & ~timed & counted & reach & _small_words(zh, en)
    rounded = numpy.zeros_like(near)
    numbers_zh = numpy.array([float(f.number or 0) for f in zh])
    numbers_en = numpy.array([float(f.number or 0) for f in en])
    rows, columns = numpy.nonzero(same_group & ~equal & ~scale & ~timed & counted)
    if len(rows):
        value_zh, value_en = numbers_zh[rows], numbers_en[columns]
        close = abs(value_zh - value_en) <= float(ROUNDING_REACH) * abs(value_zh)
        if int(close.sum()) > len(zh) + len(en):  # cheaper than a rounds_to a cell: keep the cells where the English
            # may round (coarser, within its half digit), then rounds_to decides exactly
            half_zh, half_en = _written_halves(zh)[rows], _written_halves(en, english=True)[columns]
            slack = 1e-9 * numpy.maximum(abs(value_zh), abs(value_en))
            close &= (half_en >= half_zh) & (half_en > 0) & (abs(value_zh - value_en) <= half_en + slack)
        for i, j in zip(rows[close].tolist(), columns[close].tolist()):
            rounded[i, j] = rounds_to(zh[i], en[j])
    converting = [i for i, f in enumerate(zh) if f.claim.unit in _conversions() or days_of_unit(f.claim)]
    if converting:
        for i, j in numpy.argwhere(same_group[converting] & ~equal[converting] & counted[converting]).tolist():
            rounded[converting[i], j] |= converts(zh[converting[i]], en[j])
    near &= ~rounded
    near |= _fractions(zh, en) & same_group & ~equal & reach
    scale |= _rescaled(zh, en, numbers_zh, numbers_en,
                       same_group & ~equal & ~scale & ~timed & counted & reach & ~rounded & ~near)
    total = total + numpy.where(equal, 6.0, numpy.where(rounded, 5.5, numpy.where(scale | near, 3.5, 0.0)))
    total = total + 2.0 * (1.0 - numpy.minimum(1.0, distance * 2))

    shared = numpy.bitwise_count(_term_bits(zh)[:, None, :] & _term_bits(en)[None, :, :]).sum(axis=2)
    total = total + numpy.minimum(2.0, 0.75 * shared)

    total = total + numpy.where(labelled, unit_bonus * LABEL_WEIGHT, unit_bonus)
    total = total + 0.25 * (approx_zh == approx_en) + 0.25 * (change_zh == change_en)
    return numpy.where(same_group, total, 0.0)


def _fractions(zh: list[Features], en: list[Features]) -> numpy.ndarray:
    """Pairs of two fractions: a changed denominator (五分之一 / one sixth) shares no digits, so any two near in
    order are a near miss."""
    import numpy

    return (numpy.array([f.claim.kind is ClaimKind.fraction for f in zh])[:, None]
            & numpy.array([f.claim.kind is ClaimKind.fraction for f in en])[None, :])


def _rescaled(zh: list[Features], en: list[Features], numbers_zh: numpy.ndarray, numbers_en: numpy.ndarray,
              cells: numpy.ndarray) -> numpy.ndarray:
    """The cells where the English rounds the Chinese figure and is off by a power of ten (`rounds_rescaled`):
    a float prefilter (the ratio within rounding of a power of ten) before the exact test."""
    import numpy

    found = numpy.zeros_like(cells)
    rows, columns = numpy.nonzero(cells)
    if not len(rows):
        return found
    value_zh, value_en = numbers_zh[rows], numbers_en[columns]
    with numpy.errstate(divide="ignore", invalid="ignore"):
        shift = numpy.log10(numpy.abs(value_en / value_zh))
        whole = numpy.round(shift)
        close = numpy.isfinite(shift) & (whole != 0) & (numpy.abs(shift - whole) <= float(ROUNDING_REACH))
    for i, j in zip(rows[close].tolist(), columns[close].tolist()):
        found[i, j] = rounds_rescaled(zh[i], en[j])
    return found


def _written_halves(claims: list[Features], english: bool = False) -> numpy.ndarray:
    """Each claim's `written_half` as a float, as `rounds_to` reads it (for English, "about" rounds), for a
    prefilter that `rounds_to` then decides exactly."""
    import numpy

    return numpy.array([float(written_half(f.claim, f.number, rounded=english and f.claim.approx is Approx.about))
                        if f.number is not None else 0.0 for f in claims])


def _small_words(zh: list[Features], en: list[Features]) -> numpy.ndarray:
    """Pairs of small whole numbers at least one of which is written in words (十大 / Ten, 第十届 / 10th): a
    changed number word shares no digits with the figure it replaced, so it is a near miss by its size."""
    import numpy

    def flags(claims: list[Features]) -> tuple[numpy.ndarray, numpy.ndarray]:
        small = numpy.array([f.number is not None and f.number == f.number.to_integral_value() and 0 < f.number <= MAX_WORDED
                             for f in claims])
        worded = numpy.array([_DIGIT_CHAR.search(f.claim.text) is None for f in claims])
        return small, worded

    small_zh, worded_zh = flags(zh)
    small_en, worded_en = flags(en)
    return small_zh[:, None] & small_en[None, :] & (worded_zh[:, None] | worded_en[None, :])


@cache
def _kind_table() -> tuple[dict[ClaimKind, int], "numpy.ndarray"]:
    """Each kind's row and column, and what a zh kind and an en kind score together (see `score_matrix`)."""
    import numpy

    kinds = list(ClaimKind)
    return {k: i for i, k in enumerate(kinds)}, numpy.array([[_KIND_SCORES.get((x, y), 0.5) for y in kinds] for x in kinds])


class _DigitGrid:
    """One language's digit strings laid out left- and right-aligned in rows of one width, padded with a
    byte of its own (so that padding never equals the other language's), with their digit values."""

    def __init__(self, claims: list[Features], pad: str, width: int) -> None:
        import numpy

        digits = [f.digits for f in claims]
        self.length = numpy.array([len(d) for d in digits])

        def laid(right: bool) -> numpy.ndarray:
            text = "".join(d.rjust(width, pad) if right else d.ljust(width, pad) for d in digits)
            return numpy.frombuffer(text.encode("ascii"), dtype=numpy.uint8).reshape(len(digits), width)

        self.left, self.right = laid(False), laid(True)
        values = numpy.where(self.left < 58, self.left.astype(numpy.int64) - 48, 0)
        self.sum, self.squares = values.sum(axis=1), (values**2).sum(axis=1)


def _near_digits(a: _DigitGrid, rows: "numpy.ndarray", b: _DigitGrid, columns: "numpy.ndarray") -> "numpy.ndarray":
    """`_digits_near` of row k of `a` and column k of `b`, for every k at once: one digit changed, two
    changed (two swapped, when shorter than four), or one added or dropped."""
    import numpy

    length_a, length_b = a.length[rows], b.length[columns]
    left = a.left[rows] == b.left[columns]
    differ = length_a - left.sum(axis=1)
    swapped = (a.sum[rows] == b.sum[columns]) & (a.squares[rows] == b.squares[columns])
    changed = (length_a == length_b) & ((differ == 1) | (differ == 2) & ((length_a >= 4) | swapped))
    prefix = numpy.cumprod(left, axis=1).sum(axis=1)
    suffix = numpy.cumprod((a.right[rows] == b.right[columns])[:, ::-1], axis=1).sum(axis=1)
    dropped = (abs(length_a - length_b) == 1) & (prefix + suffix >= numpy.minimum(length_a, length_b))
    return changed | dropped


def _term_bits(claims: list[Features]) -> "numpy.ndarray":
    """Each claim's glossary entries as a row of 64-bit words: shared entries are a popcount of an AND,
    with no float matrix product (whose BLAS threads cost more than the product on a busy machine)."""
    import numpy

    words = max(1, -(-len(_glossary()) // 64))
    packed = b"".join(f.terms.to_bytes(8 * words, "little") for f in claims)
    return numpy.frombuffer(packed, dtype="<u8").reshape(len(claims), words)


def _split_ranges(doc_id: str, zh: list[Claim], en: list[Claim], chosen: dict[int, int],
                  score: Callable[[int, int], float]) -> list[dict[str, object]]:
    """A range paired with the figure of its low end, where the other language writes the two ends as two
    figures in a row of one sentence (从5%到8%不等 / "varied, from 5% to 8%"): the figure of its high end, unpaired,
    renders the range too. `check` then holds each end to its figure."""
    extra = []
    paired_en = set(chosen.values())
    for i, j in chosen.items():
        if _high_end(zh[i], en[j], en, j + 1, paired_en):
            extra.append({"doc_id": doc_id, "zh": zh[i].id, "en": en[j + 1].id, "score": round(score(i, j + 1), 3)})
        elif _high_end(en[j], zh[i], zh, i + 1, chosen):
            extra.append({"doc_id": doc_id, "zh": zh[i + 1].id, "en": en[j].id, "score": round(score(i + 1, j), 3)})
    return extra


def _high_end(span: Claim, low: Claim, side: list[Claim], k: int, paired: Container[int]) -> bool:
    """Whether side[k], unpaired, is the high end of the range `span` whose low end `low` renders."""
    if span.value_max is None or low.value_max is not None or low.value != span.value or k >= len(side) or k in paired:
        return False
    high = side[k]
    return (high.sentence == low.sentence and high.kind is low.kind
            and high.value_max is None and high.value == span.value_max)


def _merged(doc_id: str, zh: list[Claim], en: list[Claim], chosen: dict[int, int],
            score: Callable[[int, int], float]) -> list[dict[str, object]]:
    """An unpaired zh quantity next to a paired one of the same value and sentence shares its English partner
    (as the fields of its Pair: `align` validates all pairs at once).

    Only quantities merge ("accepted and closed 14 cases"); a second year or rank with no English is missing.
    """
    extra = []
    for i, claim in enumerate(zh):
        if i in chosen or GROUPS[claim.kind] != "Q":
            continue
        for k in (i - 1, i + 1):
            if k in chosen and zh[k].sentence == claim.sentence and zh[k].value == claim.value \
                    and zh[k].kind is claim.kind and compare_values(claim, en[chosen[k]]) == Match.EQUAL:
                extra.append(dict(doc_id=doc_id, zh=claim.id, en=en[chosen[k]].id, score=round(score(i, chosen[k]), 3)))
                break
    return extra
