"""Stage 6, cross-year: a paper's stated changes and totals against last year's paper of its series.

Two papers are of one series when their Chinese titles are the same once the year is written `{year}`
(深圳市2013年知识产权发展状况白皮书 -> 深圳市{year}年知识产权发展状况白皮书). Within a series, year N's
figures are matched with year N-1's by referent, once the place that says them is dropped (深圳国内专利申请量
and 全市国内专利申请量 measure the same thing), and by kind and unit. Two checks:

- rate: year N states a level and its change (80,657件, 同比增长10.29%) and year N-1 states the level;
  80,657 / (N-1 level) - 1 must round to the stated rate (10.29% is anything in 10.285..10.295);
- cumulative: year N states a running total and this year's addition to it (累计驰名商标118件, 新获认定15件)
  and year N-1 the total; N's total must be N-1's plus the addition.

Every figure is read with the rounding its digits show (73,132件 is 73,131.5..73,132.5), so a
discrepancy is an `error`: the numbers alone prove that the two papers disagree. English figures are
matched through their Chinese partners; a finding both languages make is one discrepancy naming both.
Vocabulary (cumulative and addition cues, self-references, place suffixes): `rules/cross_year.tsv`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from fractions import Fraction
from functools import cache, lru_cache
from typing import TYPE_CHECKING, NamedTuple

from . import patterns
from .numbers import scale_of, scan_en, scan_zh
from .records import Change, Claim, ClaimKind, Discrepancy, DiscrepancyKind, Document, Lang, Severity
from .rules import table

if TYPE_CHECKING:
    from .pipeline import Result

_YEAR = patterns.compile(r"(?<![0-9０-９])(?:[1１][9９]|[2２][0０])[0-9０-９]{2}(?![0-9０-９])|[〇零一二三四五六七八九]{4}(?=年)")
_YEAR_AND_NIAN = patterns.compile(rf"(?:{_YEAR.pattern})年?")
_SPACE = patterns.compile(r"\s+")
_DECIMALS = patterns.compile(r"[.．﹒](\d+)")
_MAX_PLACE = 12
"""How far into a title its place may reach (内蒙古自治区 is six characters)."""
RATE_LEVELS = frozenset({ClaimKind.count, ClaimKind.money, ClaimKind.ratio})
"""Kinds of figure a percentage change can be a change of."""
_CUMULATIVE_KINDS = frozenset({ClaimKind.count, ClaimKind.money})


@cache
def _words(role: str) -> tuple[str, ...]:
    """The cue words of one role, longest first."""
    words = {r.cells["word"] for r in table("cross_year.tsv") if r.cells["role"] == role}
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def series_key(document: Document) -> str | None:
    """The Chinese title with its year written `{year}`: the same for every year of one series.

    >>> from extractor.records import Document
    >>> series_key(Document(id="d", source="d", sha256="", encoding="utf-8", title_zh="深圳市2013年 白皮书",
    ...                     title_en="", year=2013, text="", sections=[]))
    '深圳市{year}年白皮书'
    """
    title = _SPACE.sub("", document.title_zh)
    if document.year is None or not title:
        return None
    return _YEAR.sub("{year}", title)


def places(title_zh: str) -> tuple[str, ...]:
    """The place a title opens with, and its short form (深圳市 -> 深圳市, 深圳), or nothing.

    >>> places("深圳市2013年知识产权发展状况白皮书"), places("2013年广东省知识产权白皮书"), places("白皮书")
    (('深圳市', '深圳'), ('广东省', '广东'), ())
    """
    head = _YEAR_AND_NIAN.sub("", _SPACE.sub("", title_zh))[:_MAX_PLACE]
    for end in range(3, len(head) + 1):
        for suffix in _words("place_suffix"):
            if head[:end].endswith(suffix) and end - len(suffix) >= 2:
                return head[:end], head[:end - len(suffix)]
    return ()


@lru_cache(maxsize=1 << 16)
def referent_key(referent: str | None, place: tuple[str, ...] = ()) -> str | None:
    """What a referent measures, without the place or self-reference at its head.

    >>> referent_key("深圳国内专利申请量", ("深圳市", "深圳")), referent_key("全市 国内专利申请量")
    ('国内专利申请量', '国内专利申请量')
    """
    if not referent:
        return None
    key = _SPACE.sub("", referent)
    heads = _heads(place)
    stripped = True
    while stripped:
        stripped = False
        for head in heads:
            if key.startswith(head) and len(key) > len(head):
                key, stripped = key[len(head):], True
    return key


@cache
def _heads(place: tuple[str, ...]) -> tuple[str, ...]:
    """What may open a referent without being part of what it measures, longest first."""
    return tuple(sorted({*place, *_words("self")}, key=lambda w: (-len(w), w)))


def _role(key: str) -> str | None:
    """`cumulative`, `addition` or None: what the referent's cue words say the figure is."""
    for role in ("cumulative", "addition"):
        if any(word in key for word in _words(role)):
            return role
    return None


def _base(key: str) -> str:
    """The key without its cumulative or addition cue: 累计驰名商标 -> 驰名商标."""
    for word in (*_words("cumulative"), *_words("addition")):
        if word in key:
            return key.replace(word, "", 1)
    return key


def _bounds(claim: Claim) -> tuple[Fraction, Fraction]:
    """The interval the figure's written digits allow: 80,657 is 80,656.5..80,657.5, 7.8亿 ±0.05亿."""
    value = Fraction(str(claim.value))
    scan = scan_zh if claim.lang is Lang.zh else scan_en
    token = next(scan(claim.text), None)
    half = Fraction(1, 2)
    if token is not None:
        written = claim.text[token.start:token.end]
        decimals = _DECIMALS.search(written) if token.form in ("arabic", "mixed") else None
        if decimals:
            half /= 10 ** len(decimals.group(1))
        if token.scale:
            half *= Fraction(str(scale_of(token.scale)))
    return value - half, value + half


class _Finding(NamedTuple):
    """One disagreement in one language; `fact` is the same for both languages' view of it."""

    fact: tuple[str, str]
    claims: list[Claim]
    others: list[Claim]
    message: str


class _Year(NamedTuple):
    """One paper's claims of one language, keyed by what they measure."""

    result: Result
    claims: list[Claim]
    keys: dict[str, str]
    by_key: dict[str, list[Claim]]

    def levels(self, key: str, like: Claim) -> list[Claim]:
        """Exact levels (no change, no bound) of `key` with the kind and unit of `like`."""
        return [c for c in self.by_key.get(key, ()) if _is_level(c) and c.kind is like.kind and c.unit == like.unit]


def _is_level(claim: Claim) -> bool:
    return claim.change is None and claim.approx is None and isinstance(claim.value, (int, float))


def _zh_keys(result: Result) -> dict[str, str]:
    place = places(result.document.title_zh)
    return {c.id: k for c in result.claims if c.lang is Lang.zh and (k := referent_key(c.referent, place))}


def _year(result: Result, lang: Lang, zh_keys: dict[str, str]) -> _Year:
    """A paper's claims of one language and their keys; English claims take their Chinese partner's key."""
    if lang is Lang.zh:
        keys = zh_keys
    else:
        keys = {}
        for pair in result.pairs:
            if pair.zh in zh_keys:
                keys.setdefault(pair.en, zh_keys[pair.zh])
    claims = [c for c in result.claims if c.lang is lang]
    by_key: dict[str, list[Claim]] = defaultdict(list)
    for claim in claims:
        if claim.id in keys:
            by_key[keys[claim.id]].append(claim)
    return _Year(result, claims, keys, by_key)


def cross_year(current: Result, previous: Result) -> list[Discrepancy]:
    """Year N's stated changes and totals that year N-1's paper contradicts, as `cross_year` errors.

    Ids continue the numbering of `current`'s own discrepancies (any earlier cross-year ones aside).
    """
    merged: dict[tuple[str, str], _Finding] = {}
    current_keys, previous_keys = _zh_keys(current), _zh_keys(previous)
    for lang in Lang:
        now, before = _year(current, lang, current_keys), _year(previous, lang, previous_keys)
        for finding in [*_rates(now, before), *_totals(now, before)]:
            known = merged.get(finding.fact)
            if known is None:
                merged[finding.fact] = finding
            else:
                merged[finding.fact] = known._replace(claims=known.claims + finding.claims,
                                                      others=known.others + finding.others)
    order = {c.id: n for n, c in enumerate(current.claims)}
    first = 1 + sum(d.kind is not DiscrepancyKind.cross_year for d in current.discrepancies)
    findings = sorted(merged.values(), key=lambda f: min(order[c.id] for c in f.claims))
    return [
        Discrepancy(id=f"d-{n:04d}", doc_id=current.document.id, kind=DiscrepancyKind.cross_year,
                    severity=Severity.error, section=f.claims[0].section,
                    zh_claims=[c.id for c in f.claims if c.lang is Lang.zh],
                    en_claims=[c.id for c in f.claims if c.lang is Lang.en], message=f.message,
                    other_doc_id=previous.document.id,
                    other_claims=[c.id for lang in Lang for c in f.others if c.lang is lang])
        for n, f in enumerate(findings, start=first)
    ]


def with_cross_year(result: Result, found: Sequence[Discrepancy]) -> Result:
    """The result with its cross-year discrepancies replaced by `found`."""
    own = [d for d in result.discrepancies if d.kind is not DiscrepancyKind.cross_year]
    return result._replace(discrepancies=[*own, *found])


def _by_sentence(claims: Sequence[Claim]) -> dict[int, list[Claim]]:
    sentences: dict[int, list[Claim]] = defaultdict(list)
    for claim in claims:
        sentences[claim.sentence].append(claim)
    return sentences


def _unique(candidates: Sequence[Claim]) -> Claim | None:
    """The one figure last year states for a key; none when it states several different ones."""
    return candidates[0] if candidates and len({c.value for c in candidates}) == 1 else None


def _rates(now: _Year, before: _Year) -> Iterator[_Finding]:
    """Year N's level and change against year N-1's level."""
    for sentence in _by_sentence(now.claims).values():
        for index, change in enumerate(sentence):
            key = now.keys.get(change.id)
            if change.change is None or key is None or change.kind not in (ClaimKind.percent, ClaimKind.points):
                continue
            kinds = RATE_LEVELS if change.kind is ClaimKind.percent else frozenset({ClaimKind.percent})
            level = next((c for c in reversed(sentence[:index]) if now.keys.get(c.id) == key and _is_level(c)
                          and c.kind in kinds), None)
            last = _unique(before.levels(key, level)) if level else None
            if level is None or last is None:
                continue
            implied = _implied(change, level, last)
            low, high = _bounds(change)
            if implied is not None and (implied[1] < low or implied[0] > high):
                yield _Finding(("rate", key), [level, change], [last], _rate_message(now, before, key, change, level, last))


def _implied(change: Claim, level: Claim, last: Claim) -> tuple[Fraction, Fraction] | None:
    """The interval of changes the two levels allow, in the change's terms (percent or points)."""
    now_low, now_high = _bounds(level)
    last_low, last_high = _bounds(last)
    if change.kind is ClaimKind.points:
        rise = (now_low - last_high, now_high - last_low)
    elif last_low <= 0:
        return None
    else:
        rise = ((now_low / last_high - 1) * 100, (now_high / last_low - 1) * 100)
    return rise if change.change is Change.increase else (-rise[1], -rise[0])


def _rate_message(now: _Year, before: _Year, key: str, change: Claim, level: Claim, last: Claim) -> str:
    value, last_value = Fraction(str(level.value)), Fraction(str(last.value))
    if change.kind is ClaimKind.points:
        shift, unit = value - last_value, " points"
    else:
        shift, unit = (value / last_value - 1) * 100, "%"
    if change.change is Change.decrease:
        shift = -shift
    verb = "a rise" if change.change is Change.increase else "a drop"
    return (f"{key}: {last.text} in {_when(before)} to {level.text} in {_when(now)} is {verb} of "
            f"{float(shift):.2f}{unit}, not the stated {change.text}")


def _when(year: _Year) -> str:
    document = year.result.document
    return f"{document.year} ({document.id})"


def _totals(now: _Year, before: _Year) -> Iterator[_Finding]:
    """Year N's running total against year N-1's total plus year N's addition."""
    for sentence in _by_sentence(now.claims).values():
        for total in sentence:
            key = now.keys.get(total.id)
            if key is None or _role(key) != "cumulative" or not _is_level(total) or total.kind not in _CUMULATIVE_KINDS:
                continue
            base = _base(key)
            added = [c for c in sentence if (k := now.keys.get(c.id)) and _role(k) == "addition" and _is_level(c)
                     and c.kind is total.kind and c.unit == total.unit and _related(_base(k), base)]
            last = _unique(before.levels(key, total))
            if len(added) != 1 or last is None:
                continue
            addition = added[0]
            low = _bounds(last)[0] + _bounds(addition)[0]
            high = _bounds(last)[1] + _bounds(addition)[1]
            stated_low, stated_high = _bounds(total)
            if high < stated_low or low > stated_high:
                expected = Fraction(str(last.value)) + Fraction(str(addition.value))
                yield _Finding(("total", key), [addition, total], [last],
                               f"{key}: {last.text} in {_when(before)} plus {addition.text} added in {_when(now)} "
                               f"is {_number(expected)}, not the stated {total.text}")


def _related(addition: str, total: str) -> bool:
    """Whether an addition adds to a total: one key ends the other (中国驰名商标, 驰名商标)."""
    return addition.endswith(total) or total.endswith(addition)


def _number(value: Fraction) -> str:
    return f"{value.numerator:,}" if value.denominator == 1 else f"{float(value):,}"
