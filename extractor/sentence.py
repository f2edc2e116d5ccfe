"""What both claim grammars share: one walk over a sentence's number tokens, each token read once.

A language grammar subclasses `SentenceReader` and says which spans are fixed
(headings, identifiers, names), how a token is read (its forms, in order), and
what figures it finds with no token at all; the walk, the skipping and the
bounded look-ahead are here.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from functools import cache
from typing import Any, NamedTuple

import regex

from . import patterns
from .numbers import NumberToken, to_json_number
from .records import Approx, Change, ClaimKind, Found, Lang, SkipReason
from .rules import alternation, table
from .spans import AHEAD, SpanIndex

MIN_BARE_LIST = 50
"""So many numbers in a row with only separators between them are no sentence's figures: prose names what
it counts within a few figures, and a table's row never runs this long."""
_LIST_GAP = patterns.compile(r"[ \u3000]?[,，、;；][ \u3000]?")
_LIST_GAP_CHARS = 3
"""The longest `_LIST_GAP`."""

_JOIN = patterns.compile(r"\s*,?\s*(?:or|and)\s+|[和或及、]|以及", regex.IGNORECASE)
"""What joins two figures that share one change word."""

YEAR_PARTS = {lang: {r.cells["word"]: (int(r.cells["first"]), int(r.cells["last"])) for r in table("year_parts.tsv")
                     if r.cells["lang"] == lang.value} for lang in Lang}
"""rules/year_parts.tsv: the first and last month of each named part of a year (上半年: 1 to 6)."""


@cache
def year_part_pattern(lang: Lang) -> regex.Pattern[str]:
    """A language's year parts: in Chinese right after 年 (上半年), in English before the year ("first half of ")."""
    if lang is Lang.zh:
        return patterns.compile(alternation(list(YEAR_PARTS[lang])))
    return patterns.compile(rf"(?:{alternation(list(YEAR_PARTS[lang]))})(?:\s+of)?\s+", regex.IGNORECASE)


SIGNED_KINDS = frozenset({ClaimKind.count, ClaimKind.money, ClaimKind.percent, ClaimKind.points, ClaimKind.ratio})
"""Kinds a minus sign may make negative (a growth rate of -3.5%); never a year, a rank or a date."""
MINUS_SIGNS = frozenset("-−－")
_DIGITS = frozenset("0123456789０１２３４５６７８９")
_JOINS_SIGN = patterns.compile(r"""[0-9A-Za-z０-９Ａ-Ｚａ-ｚ%％)）\]】’”'"/.-]""")
"""Before a minus sign: what makes it a hyphen or a dash between two things, not the sign of the figure after."""
_LISTED_UNIT_KINDS = frozenset({ClaimKind.percent, ClaimKind.points})
MAX_LISTED_RATE = 100
"""A bare number listed before a rate takes its unit only if it could be one: "an increase of 1,205 or 13.9%" is
a count and its rate, "by 5.1, 6.7 and 6.3 percent" three rates."""
_COMMA_ONLY = patterns.compile(r"\s*[,，、]\s*")
_WORD_CHAR = patterns.compile(r"[\p{Han}A-Za-z]")
_PLAIN_COMMA = patterns.compile(r"\s*[,，]\s*")
"""A comma alone, which joins places only inside a longer list (first, second and third); 、 always lists."""
_PLACE_KINDS = frozenset({ClaimKind.rank, ClaimKind.ordinal})
_EITHER = patterns.compile(r"\bor\b|或")
""""Or" between figures may restate one (1,205 or 13.9%): only a list joined by commas and "and" shares a unit."""
SLASHES = ("/", "／")
"""What writes a fraction (1/3) or the base of a rate (17.8/10万)."""
_NUMERIC_DATE = patterns.compile(
    r"(?P<y>(?:1[89]|20)[0-9]{2})(?P<sep>[-/.])(?P<m>0?[1-9]|1[0-2])(?P=sep)(?P<d>0?[1-9]|[12][0-9]|3[01])(?![0-9])")
MAX_SLASH_DENOMINATOR = 10
"""A slash fraction's largest denominator: 1/3 and 9/10 are shares, 4/26 is a date."""

RATIO_COLONS = frozenset(":∶：")
"""What joins the terms of a proportion (7.7∶37.8∶54.5, 105:100): the colon, the ratio sign, the full-width colon."""
MIN_PROPORTION_TERMS = 3
PROPORTION_REACH = 30
"""How far before its first term, or after its last, a proportion's word (rules/proportion_cues.tsv) may stand."""
_DECIMAL_POINTS = frozenset(".．﹒")


@cache
def proportion_cue(lang: Lang) -> regex.Pattern[str]:
    """rules/proportion_cues.tsv: the words that make two whole numbers joined by a colon a proportion."""
    words = [r.cells["word"] for r in table("proportion_cues.tsv") if r.cells["lang"] == lang.value]
    if lang is Lang.zh:
        return patterns.compile(alternation(words))
    return patterns.compile(rf"\b{alternation(words)}\b", regex.IGNORECASE)


_MARKS = patterns.compile(
    r"(?P<item>(?<![^\s:：;；,，。、])(?:[(（][0-9０-９]{1,2}[)）]|[0-9０-９]{1,2}[)）])(?=[ \u3000]?\p{L}))"
    r"|(?<=[\p{L}”」’)）])(?:[\[［][0-9０-９]{1,2}[\]］]|[(（][0-9０-９]{1,2}[)）](?![\p{L}0-9０-９]))")
"""An item's number inside a paragraph (`item`: (1) strengthening, （2）完善, 3) after a colon, a semicolon, a comma
or a space, before a word), as 1. numbers a heading; else a footnote mark right after a word or a closing mark
(applications[1], 申请量[2], trademarks(2),)."""
_MARK_CLOSER = re.compile(r"[)）\]］]")
"""What every match of `_MARKS` holds: a sentence with none is not scanned (a plain class: the standard library
finds it faster)."""

Reading = tuple[Found | None, int]
"""A form's reading of the token it starts at (None: no record), and how many tokens it used."""


class Prefix(NamedTuple):
    """What stands right before a figure: where the claim starts, its bound and its currency."""

    start: int
    approx: Approx | None
    currency: str | None


class SentenceReader:
    """Reads one sentence text[start:end] into claims and skipped spans, in order."""

    lang: Lang
    scan: Callable[[str, int, int], Iterator[NumberToken]]
    reach_back: int
    """How far before a figure its qualifier and currency may start."""
    vocab: Any
    """The language's rules: `prefix_currency`, `prefix_qualifier` (REVERSE patterns), `suffix`, `currencies` and
    `unit_label` at least."""
    list_join: regex.Pattern[str]
    """What lies between two listed figures (5.1, 6.7 and 6.3 percent; 2个和3个百分点)."""
    bare_units: tuple[str | None, ...] = (None,)
    """The units of a listed count that is bare: the unit of the listed figure after it is its own."""
    restating_join: regex.Pattern[str] | None = None
    """What may stand between a change and a figure that restates it, past the change's base (", or" after
    "over the previous year")."""
    unit_label_reach: int = 0
    """How far before a table's unit its label word and bracket may start (`vocab.unit_label`)."""

    def __init__(self, text: str, start: int, end: int, marker_end: int) -> None:
        self.text = text
        self.start = start
        self.end = end
        self.marker_end = marker_end
        self.tokens = list(type(self).scan(text, start, end))
        self.floor = start
        self._ends: list[int] = []
        """Where each span the walk read ends, for the figures found after it (`_tokenless_prefix`)."""
        self.previous: Found | None = None
        """The last claim or skipped span read in this sentence."""
        self._suffixes: dict[int, regex.Match[str]] = {}
        self._prefixes: dict[tuple[int, bool, int], Prefix] = {}
        self._fixed: SpanIndex[SkipReason] | None = None
        """The sentence's fixed spans, once `read` has found them: no form reads a token inside one."""
        self._proportional: set[int] | None = None
        """The tokens that are terms of a proportion, once a form has asked (`_proportion_terms`)."""

    def read(self) -> list[Found]:
        """Every token becomes part of exactly one claim or skipped span; then the figures with no token."""
        found: list[Found] = []
        spans = self._fixed = self._fixed_spans()
        lists = self._bare_lists()
        i = 0
        while i < len(self.tokens):
            token = self.tokens[i]
            if i in lists:
                last = self.tokens[lists[i]]
                found.append(Found(token.start, last.end, None, SkipReason.malformed))
                self.floor = last.end
                i = lists[i] + 1
                continue
            fixed = spans.holding(token.start)
            reading = self._skip_span(i, *fixed) if fixed else self._reading(i, token)
            if reading[0] is not None:
                found.append(reading[0])
                self.floor = reading[0].end
                self.previous = reading[0]
            i = _past(self.tokens, i + reading[1], reading[0].end if reading[0] else token.end)
        found = self._signed(found)
        self._ends = [f.end for f in found]  # in order: a reading never ends before the one it follows
        tokenless = self._tokenless()
        if tokenless:
            taken = SpanIndex((f.start, f.end, None) for f in found)
            found += [f for f in tokenless if not taken.overlaps(f.start, f.end)]
            found.sort(key=_start)
        return self._listed(found) if len(found) > 1 else found

    def _signed(self, found: list[Found]) -> list[Found]:
        """A minus sign right before a figure that starts at its number makes it negative (增速为-3.5%, a change
        of −0.4 percentage points, a table's -12; of a range, its low end: -5至3摄氏度), unless a word, a number
        or a closing mark stands before the sign: then it joins (3-5家, COVID-19, 2012-2013, 5%-8%)."""
        text = self.text
        for k, f in enumerate(found):
            sign = f.start - 1
            if (f.kind in SIGNED_KINDS and sign >= self.start and text[sign] in MINUS_SIGNS
                    and isinstance(f.value, (int, float)) and f.value > 0 and text[f.start] in _DIGITS
                    and (sign == self.start or not _JOINS_SIGN.match(text, sign - 1))
                    and (k == 0 or found[k - 1].end <= sign)):
                found[k] = f._replace(start=sign, value=-f.value)
        return found

    def _listed(self, found: list[Found]) -> list[Found]:
        """Figures listed with one unit and one change word (grew by 5.1, 6.7 and 6.3 percent; 分别提高2个和3个百分点):
        a bare count before a listed percent or points is one too, and the first's change holds for those after it."""
        text, join = self.text, self.list_join
        for k in range(len(found) - 2, -1, -1):
            item, after = found[k], found[k + 1]
            if (item.kind is ClaimKind.count and item.unit in self.bare_units and after.kind in _LISTED_UNIT_KINDS
                    and isinstance(item.value, (int, float)) and 0 < item.value <= MAX_LISTED_RATE
                    and (gap := join.fullmatch(text, item.end, after.start)) and not _EITHER.search(gap.group())):
                found[k] = item._replace(kind=after.kind, unit=after.unit)
        for k in range(1, len(found)):
            before, item = found[k - 1], found[k]
            if (item.kind is not None and item.change is None and before.change is not None and item.kind is before.kind
                    and (gap := join.fullmatch(text, before.end, item.start))
                    and (not _COMMA_ONLY.fullmatch(gap.group()) or self._listed_on(found, k))):
                found[k] = item._replace(change=before.change)
        return self._listed_places(found)

    def _listed_places(self, found: list[Found]) -> list[Found]:
        """Places listed together are ranks alike: in 分别位列第一和第二 and "ranked first and second" one of them
        is read as a rank (by its verb or its place in the phrase) and the others are the same kind of figure."""
        run: list[int] = []
        for k, item in enumerate(found):
            if item.kind not in _PLACE_KINDS:
                continue
            if run and not self._places_join(found, run[-1], k):
                self._rank_all(found, run)
                run = []
            run.append(k)
        self._rank_all(found, run)
        return found

    def _places_join(self, found: list[Found], k: int, after: int) -> bool:
        gap = self.list_join.fullmatch(self.text, found[k].end, found[after].start)
        return after == k + 1 and gap is not None and (
            not _PLAIN_COMMA.fullmatch(gap.group()) or self._listed_on(found, after))

    @staticmethod
    def _rank_all(found: list[Found], run: list[int]) -> None:
        if len(run) > 1 and any(found[k].kind is ClaimKind.rank for k in run):
            for k in run:
                found[k] = found[k]._replace(kind=ClaimKind.rank)

    def _listed_on(self, found: list[Found], k: int) -> bool:
        """Whether figure k is followed by another of the list: a comma alone joins a list only inside one
        (5.1, 6.7 and 6.3 percent), never an aside after a figure (an increase of 2.5 times, 3 times as many)."""
        return k + 1 < len(found) and self.list_join.fullmatch(self.text, found[k].end, found[k + 1].start) is not None

    def _bare_lists(self) -> dict[int, int]:
        """First token -> last token of each run of MIN_BARE_LIST or more numbers with nothing but a separator
        between them (1,1,1,...): a dump of data, not prose, skipped as one malformed span."""
        lists: dict[int, int] = {}
        if len(self.tokens) < MIN_BARE_LIST:
            return lists
        first = 0
        tokens = self.tokens
        for i in range(1, len(tokens) + 1):
            if (i < len(tokens) and tokens[i].start - tokens[i - 1].end <= _LIST_GAP_CHARS
                    and _LIST_GAP.fullmatch(self.text, tokens[i - 1].end, tokens[i].start)):
                continue
            if i - first >= MIN_BARE_LIST:
                lists[first] = i - 1
            first = i
        return lists

    def _tokenless_prefix(self, position: int) -> Prefix:
        """`_prefix` for a figure found after the walk: it may reach back to the last span read before it."""
        before = bisect_right(self._ends, position)
        self.floor = self._ends[before - 1] if before else self.start
        return self._prefix(position)

    def _fixed_spans(self) -> SpanIndex[SkipReason]:
        """Spans whose numbers are no figures, whatever grammar would read them."""
        raise NotImplementedError

    def _reading(self, i: int, token: NumberToken) -> Reading:
        """What token i (and the tokens after it that it uses) states."""
        raise NotImplementedError

    def _tokenless(self) -> list[Found]:
        """Figures written with no number token at all."""
        return []

    def _heading_span(self) -> list[tuple[int, int, SkipReason]]:
        """The heading's number marker (一、 (一) I. 1.), when the sentence opens its section; the numbers of the
        items of a list inside it ((1), 2）) and its footnote marks ([1])."""
        spans = [(self.start, self.marker_end, SkipReason.heading)] if self.marker_end > self.start else []
        text, start, end = self.text, self.start, self.end
        if _MARK_CLOSER.search(text, start, end):
            spans += [(m.start(), m.end(), SkipReason.heading if m.group("item") else SkipReason.note)
                      for m in _MARKS.finditer(text, start, end)]
        return spans

    def _table_unit(self) -> list[tuple[int, int, SkipReason]]:
        """The unit of a table closing the sentence (商标注册量（万件）, "Trademark registrations (10,000)"), skipped as
        `unit`: when the last token may be one (`_may_be_table_unit`), `vocab.unit_label` reads it, and a word, not
        a figure with its unit, stands before it (never the conversion in "RMB 650 million (US$100 million)")."""
        last = self.tokens[-1] if self.tokens else None
        if last is None or not self._may_be_table_unit(last):
            return []
        label = self.vocab.unit_label.search(self.text, max(self.start, last.start - self.unit_label_reach), self.end)
        if label is None or not self._labelled(label.start()):
            return []
        return [(label.start("g"), label.end("g"), SkipReason.unit)]

    def _may_be_table_unit(self, token: NumberToken) -> bool:
        """Whether a token could be the scale of a table's unit (万 alone, a round power of ten)."""
        raise NotImplementedError

    def _labelled(self, position: int) -> bool:
        """Whether a word stands right before `position`, where a table's unit starts: the figure before the last
        token, with what its suffix reads, must end before a letter or a Chinese character does."""
        if len(self.tokens) < 2:
            return True
        words_from = self._suffix(self.tokens[-2].end).end()
        return _WORD_CHAR.search(self.text, words_from, position) is not None

    def _ends_before(self, pattern: regex.Pattern[str], position: int) -> regex.Match[str] | None:
        """A REVERSE pattern matched backwards from `position`: what is written right before a figure."""
        return pattern.match(self.text, max(self.start, position - self.reach_back), position)

    def _free_before(self, pattern: regex.Pattern[str], position: int) -> regex.Match[str] | None:
        """`_ends_before`, but only what no span read before has taken (the month of "5 September" is not also
        that of "September 26" after it)."""
        m = self._ends_before(pattern, position)
        return m if m is not None and m.start() >= self.floor else None

    def _suffix(self, position: int) -> regex.Match[str]:
        """What the language's `suffix` pattern reads right after a figure (its unit, currency, bound);
        several forms ask at one token, so each position is matched once."""
        match = self._suffixes.get(position)
        if match is None:
            match = self._suffixes[position] = self.vocab.suffix.match(self.text, position, self._ahead(position))
            assert match is not None  # every group is optional
        return match

    def _prefix(self, position: int, duration: bool = False) -> Prefix:
        """A qualifier and a currency right before a figure, in either order (约人民币, over RMB 51 million);
        never one that an earlier claim already took as its own (5100万元人民币1 ...). Read once a place."""
        key = (position, duration, self.floor)
        if key not in self._prefixes:
            self._prefixes[key] = self._read_prefix(position, duration)
        return self._prefixes[key]

    def _read_prefix(self, position: int, duration: bool) -> Prefix:
        start, approx, currency = position, None, None
        for _ in range(2):
            m = self._ends_before(self.vocab.prefix_currency, start) if currency is None else None
            if m and m.start() >= self.floor:
                start, currency = m.start(), self.vocab.currencies[m.group("c")]
                continue
            q = self._ends_before(self.vocab.prefix_qualifier, start) if approx is None else None
            if q and q.start() >= self.floor:
                approx = self._bound(q, duration)
                if approx is None:
                    break
                start = q.start()
                continue
            break
        return Prefix(start, approx, currency)

    def _numeric_date(self, i: int, token: NumberToken) -> Reading | None:
        """A date written in digits alone, year first, one separator throughout (2021-07-01, 2013/4/26, 2013.4.26)."""
        m = _NUMERIC_DATE.match(self.text, token.start, self._ahead(token.start)) if token.form == "arabic" else None
        if m is None:
            return None
        value = f"{int(m.group('y')):04d}-{int(m.group('m')):02d}-{int(m.group('d')):02d}"
        return self._claim(token.start, m.end(), ClaimKind.date, value), 1  # the walk passes the tokens it holds

    def _proportion(self, i: int, token: NumberToken) -> Reading | None:
        """A term of a proportion (三次产业结构7.7∶37.8∶54.5, a sex ratio of 105:100): a ratio, each term its own
        figure, so that a changed term is one changed figure."""
        text = self.text
        if not _plain_number(token) or not (text[token.end : token.end + 1] in RATIO_COLONS
                                            or text[token.start - 1 : token.start] in RATIO_COLONS):
            return None
        if self._proportional is None:
            self._proportional = self._proportion_terms()
        if i not in self._proportional:
            return None
        return self._claim(token.start, token.end, ClaimKind.ratio, to_json_number(token.value)), 1

    def _proportion_terms(self) -> set[int]:
        """The indices of the tokens that are terms of a proportion: runs of plain numbers joined by one ratio
        colon each that `_is_proportion` accepts."""
        text, tokens = self.text, self.tokens
        runs: list[list[int]] = []
        for k, token in enumerate(tokens):
            if not _plain_number(token):
                continue
            if runs and runs[-1][-1] == k - 1 and tokens[k - 1].end + 1 == token.start and text[token.start - 1] in RATIO_COLONS:
                runs[-1].append(k)
            else:
                runs.append([k])
        return {k for run in runs if len(run) >= 2 and self._is_proportion(run) for k in run}

    def _is_proportion(self, run: list[int]) -> bool:
        """Whether a run of numbers joined by colons is a proportion: MIN_PROPORTION_TERMS or more terms, a term with
        a decimal point, or a proportion's word near (two whole numbers alone may be a clock time, 10:30, or a
        standard's year, 9001:2008)."""
        terms = [self.tokens[k] for k in run]
        if len(terms) >= MIN_PROPORTION_TERMS or any(not _DECIMAL_POINTS.isdisjoint(self.text[t.start : t.end]) for t in terms):
            return True
        cue, first, last = proportion_cue(self.lang), terms[0], terms[-1]
        return (cue.search(self.text, max(self.floor, first.start - PROPORTION_REACH), first.start) is not None
                or cue.search(self.text, last.end, min(self.end, last.end + PROPORTION_REACH)) is not None)

    def _claim(self, start: int, end: int, kind: ClaimKind, value: float | str) -> Found:
        """A claim as the language reads it (with the change and bound words written around it)."""
        raise NotImplementedError

    def _joined_change(self, start: int, kind: ClaimKind) -> Change | None:
        """The change of the figure just before, when this one is joined to it and is of its kind or a rate
        (an increase of 1,205 or 13.9%, 增长5%和8%): both state it; "up 5% and 300 firms joined" does not."""
        before = self.previous
        if before is None or before.change is None or (kind is not before.kind and kind is not ClaimKind.percent):
            return None
        if _JOIN.fullmatch(self.text, before.end, start) or (
                self.restating_join is not None and self.restating_join.fullmatch(self.text, before.end, start)):
            return before.change
        return None

    def _bound(self, qualifier: regex.Match[str], duration: bool) -> Approx | None:
        """The bound a qualifier before a figure sets, or None when it sets none there."""
        raise NotImplementedError

    def _skip_span(self, i: int, start: int, end: int, reason: SkipReason) -> Reading:
        """One skipped span over [start, end) and every token it reaches; never before what is already read."""
        start = max(start, self.floor)
        used = 0
        while i + used < len(self.tokens) and self.tokens[i + used].start < end:
            end = max(end, self.tokens[i + used].end)
            used += 1
        return Found(start, end, None, reason), used

    def _ahead(self, position: int) -> int:
        """Where a match at a figure may end: a short bounded slice, since `regex` scans a whole slice
        for required literals before it matches, and a sentence can be 100,000 numbers long."""
        return min(self.end, position + AHEAD)

    def _slash_denominator(self, i: int, token: NumberToken) -> NumberToken | None:
        """The 3 of 1/3 (超过1/3, over 1/3 of): a whole number over a larger one of at most
        `MAX_SLASH_DENOMINATOR`; never a part of a date or a path (2013/4/26, 4/26)."""
        slash = self.text[token.end : token.end + 1]
        if token.form != "arabic" or token.scale or slash not in SLASHES or self.text[token.start - 1 : token.start] in SLASHES:
            return None
        below = self._next(i, token.end + 1)
        if (below is None or below.form != "arabic" or below.scale or self.text[below.end : below.end + 1] in SLASHES
                or not 0 < token.value < below.value <= MAX_SLASH_DENOMINATOR
                or token.value != int(token.value) or below.value != int(below.value)):
            return None
        return below

    def _next(self, i: int, at: int) -> NumberToken | None:
        """Token i + 1 when it starts exactly at `at` and no fixed span holds it (15 third-tier cities: no 15/3)."""
        if i + 1 < len(self.tokens) and self.tokens[i + 1].start == at:
            token = self.tokens[i + 1]
            return None if self._fixed is not None and self._fixed.holding(token.start) else token
        return None


def _plain_number(token: NumberToken) -> bool:
    """Digits with no scale word (7.7, 105): what a proportion's term is written as."""
    return token.form == "arabic" and not token.scale


def _start(found: Found) -> int:
    return found.start


def _past(tokens: list[NumberToken], i: int, end: int) -> int:
    """The first token index at or after i that starts at or after `end`: tokens inside a claim's unit are its own."""
    while i < len(tokens) and tokens[i].start < end:
        i += 1
    return i
