"""The Chinese claim grammar: what each number token of a Chinese sentence states.

A numeral is read by grammar, never by its characters alone: it is a figure
when a measure word, 第, a scale, %, a currency or 年 makes it one; a lone
numeral character (一系列, 这一, 统一) is a word. Forms are tried in order at
each token (time, month-day, fraction, doubling, ordinal, idiom, range,
quantity); the first that reads it wins and says how many tokens it used.
Vocabulary comes from `rules/`; this module holds the grammar.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from typing import NamedTuple

import regex

from . import patterns
from .numbers import (
    ZH_SCALE,
    NumberToken,
    is_digit_run,
    rounded,
    scale_of,
    scan_zh,
    share_of,
    to_json_number,
    zh_digit,
)
from .records import TIME_KINDS, Approx, Change, ClaimKind, Found, Lang, SkipReason
from .rules import alternation, prefix_tree, table
from .sentence import SLASHES, YEAR_PARTS, Reading, SentenceReader, year_part_pattern
from .spans import SpanIndex, last_break

YEARS = range(1800, 2200)
_OF_A_WHOLE = frozenset({ClaimKind.percent, ClaimKind.fraction, ClaimKind.multiple})
"""Figures stated of a whole or a base (全国的40%, 全国平均水平的8倍): a bound may stand before that whole."""
WHOLE_REACH = 14
"""How far before a share the bound of its whole may start (接近全球总量的一半: the bound, 8 characters, 的)."""
CUE_GAP = 10
"""How many characters may stand between a word figure's cue and the word (位居全国副省级城市首位: 7); 居 before
民 or 住 is part of 居民 (residents) or 居住 (to live), not the verb "to rank"."""
NOUN_REACH = 4
"""How long the noun between a change verb and its figure may be (净增企业1200家, 裁减军队员额30万); 减少到, 增加至,
增加为 and 减少成 name the level reached, and 增加值 is value added, not a noun after a verb."""
COMPARED_REACH = 12
"""How many characters the base of a comparison may take (高于全国平均水平, 比上年同期)."""
SHARE_REACH = 20
"""How far before a share the bound of its 占 may start (约占全国申请总量的46.6%: the bound, 占 and 16 more)."""
UNIT_LABEL_REACH = 8
"""How far before a table's unit its label may start (计量单位：万元: the label, a colon, a space)."""
CHANGEABLE = frozenset({ClaimKind.count, ClaimKind.money, ClaimKind.percent, ClaimKind.points,
                        ClaimKind.multiple, ClaimKind.ratio, ClaimKind.fraction})
"""Kinds a change word may state the rise or fall of (增加了三分之一, increased by one third)."""
RANGE_KINDS = frozenset({ClaimKind.count, ClaimKind.money, ClaimKind.percent, ClaimKind.points,
                         ClaimKind.duration, ClaimKind.multiple})

_RANGE_SEPARATOR = patterns.compile(r"[ ]?(?:至|到|-|—|–|~|～|－|〜)[ ]?")
_MONTH_DAY_SEPARATOR = patterns.compile(r"[·•・?？.．]")
_YEAR_TAIL = patterns.compile(r"年(?:(?P<end>年?底|年?末)|(?P<begin>年?初)|度)?")
_DECIMAL_YEAR = patterns.compile(r"(?P<y>[0-9０-９]{4})[.．﹒](?P<m>[0-9０-９]{1,2})")
_DAY_TAIL = patterns.compile(r"[日号]")
_TIMES_UNIT = "次"
_TERM = "届"
"""What counts a congress's terms (十一届): before N次会议 it makes N the session's number."""
_OPEN_QUOTE = patterns.compile(r"[“\"‘'「『]")
_CLOSE_QUOTE = patterns.compile(r"[”\"’'」』]|世界|日")
_EVERY_HAS = patterns.compile(r"\p{Han}{0,10}?中?(?:就|便)?有(?=[0-9０-９一二两三四五六七八九十])")
"""Between the N of 每N and the M of a share M of every N: 企业中就有 (每三家企业中就有一家)."""
_TOP_END = patterns.compile(r"[的强]|[，,；;。：:、！？!?）)”》\s]|$")
"""What follows the number of 前N when it is a top N (前五的企业, 前10强, 排名全国前三。), not a span of time
(前三季度)."""
_TURNED = patterns.compile(r"翻了?(?P<q>近|将近|接近)?", regex.REVERSE)
"""翻 before 一番, 两番, and a bound between them (翻了近两番: nearly quadrupled)."""
_ROUND_NUMERALS = ("百", "千", "万", "亿")
"""The numerals 上 bounds when one is written alone (上百: as many as a hundred)."""
_CHENG = patterns.compile(r"成(?![为立员果功本效交长熟就绩型品])")
_HAN = patterns.compile(r"\p{Han}")
_MONTHS = "个月"
"""After 年前N: the first N months of the year (2019年前9个月), a period as 2019年1—9月 is."""
_HALF_OF = patterns.compile(r"的?(?!是)\p{Han}")
"""After 一半: the whole it is half of (一半企业, 一半的企业: half of the enterprises); 一半是 opens the idiom
一半是...一半是..."""
_OTHER_HALF = patterns.compile(r"[另多]")
"""Before 一半: 另一半 (the other half), 多一半 (the greater part): words, not a share."""
_IN_A_ROW = "连续"
"""Before 第N年: the Nth year of a run (连续第二年, the second consecutive year), a span of N years, as 连续两年 is."""
_BIG = patterns.compile(r"大(?=\p{Han})")
_CLAUSE_BREAK = patterns.compile(r"[，,；;。：:、！？!（(“”《》]", regex.REVERSE)
ASIDE_REACH = 24
"""How long a bracketed aside between a whole and its share or multiple may be (（6.3件）的, (2012年为1.2万件)的)."""
_ASIDE_BEFORE = patterns.compile(r"[（(][^（()）]{1,20}[)）](?P<of>的)?", regex.REVERSE)
_END_OF_PHRASE = patterns.compile(r"[，,；;。：:、！？!）)”》\s]|$")
_RATIO_CUE = patterns.compile(r"每|人均|平均|户均")
_IDENTIFIER = patterns.compile(
    r"(?<![A-Za-z0-9０-９])[A-Z]{2,8}(?:/[A-Z]{1,4})?[ ]?[0-9０-９][0-9０-９.]*+(?:[-—][0-9０-９]{2,4})?"
    r"|(?<=编号[:：]?[ ]?)[A-Za-z0-9０-９/ .-]*[0-9０-９][A-Za-z0-9０-９/.-]*"
    r"|(?<![A-Za-z0-9０-９])[A-Za-z]++[0-9０-９]++(?:\.[0-9０-９]++)?[A-Za-z0-9０-９]*+|(?<![0-9０-９])[0-9０-９]++(?:[A-Za-z]{2,}|[A-Z](?![A-Za-z]))"
)


_MAY_HOLD_IDENTIFIER = re.compile(r"[A-Za-z]|编号")
"""Every form of `_IDENTIFIER` needs a Latin letter or 编号: a cheap test before the full scan."""


class Vocabulary(NamedTuple):
    """The Chinese rules, as tables and patterns built once."""

    units: dict[str, dict[str, str]]
    currencies: dict[str, str]
    qualifiers: dict[tuple[str, str], str]
    changes: dict[str, str]
    words: dict[str, str]
    ordinal_words: tuple[tuple[str, str], ...]
    """The set phrases that begin with 第 (第一时间), and why each is no figure."""
    suffix: regex.Pattern[str]
    prefix_qualifier: regex.Pattern[str]
    share_bound: regex.Pattern[str]
    """A bound written right after a share only (三分之一强: a little over one third), never 世界500强."""
    duration_bound: regex.Pattern[str]
    """A bound written after a span of time only (3个月内, 半年之内: within), never the 内 of 内地 or 内资."""
    share_qualifier: regex.Pattern[str]
    """A bound before the 占 that introduces a share (约占全球的七成): it bounds the share."""
    whole_qualifier: regex.Pattern[str]
    """A bound before the whole a share or multiple is of (均超过全国的40%: over 40 percent of the country's;
    约为全国平均水平的8倍); a bound of two characters or more, as 近 and 约 alone begin words (近年来全国的40%)."""
    base_qualifier: regex.Pattern[str]
    """The same bound before the base of a multiple written without 的 (约为全国平均水平5.7倍): a multiple is of
    its base alone, where a share of a whole always takes 的."""
    prefix_currency: regex.Pattern[str]
    prefix_change: regex.Pattern[str]
    comparison_change: regex.Pattern[str]
    """A figure that is the difference from a base it is compared with: 高于全国平均水平2.1个百分点 (2.1 points
    higher than the national average), 比上年多5家 (5 more than the year before); 比例, 比重, 比率 and 比较 are no
    比 of a comparison."""
    comparison_changes: dict[str, str]
    word_pattern: regex.Pattern[str]
    word_chars: frozenset[str]
    word_reach: int
    """How far a set phrase reaches past a numeral inside it: its length less one, for the longest phrase."""
    name_pattern: regex.Pattern[str]
    name_gloss: regex.Pattern[str]
    """The years a name (a plan's) is glossed with in parentheses: part of the name (“十三五”时期（2016—2020年）)."""
    name_suffix: re.Pattern[str]
    denominator_before: regex.Pattern[str]
    """Right before a number, it makes that number the unit's (每10万人, 每百户), never a figure."""
    word_figure_words: re.Pattern[str]
    """Any word of rules/zh_word_figures.tsv: a sentence without one holds no such figure."""
    word_figures: tuple[tuple[regex.Pattern[str], ClaimKind, int | float, Approx | None, str | None], ...]
    """Each word figure after one of its cues (居全国首位), with the kind, value, bound and unit it states."""
    congress_before: regex.Pattern[str]
    congress_after: regex.Pattern[str]
    """Around N大, the words that make it the Nth National Congress (党的十九大, 十八大以来): rules/zh_congress.tsv."""
    session_after: regex.Pattern[str]
    """After N次, the words that make it the Nth session of a congress counted with 届 (三次会议): zh_congress.tsv."""
    unit_label: regex.Pattern[str]
    """A table's unit closing its sentence: a scale (and unit) alone in brackets after a label, or after a word of
    rules/unit_labels.tsv and a colon (商标注册量（万件）, 单位：万元)."""


@cache
def vocabulary() -> Vocabulary:
    """Load the Chinese rows of the rules files and compile their patterns."""
    units = {r.cells["word"]: r.cells for r in table("zh_units.tsv", optional=frozenset({"years", "one_kind"}))}
    currency_rows = [r.cells for r in table("currencies.tsv") if r.cells["lang"] == "zh"]
    qualifiers = {(r.cells["word"], r.cells["position"]): r.cells["approx"]
                  for r in table("qualifiers.tsv") if r.cells["lang"] == "zh"}
    change_rows = [r.cells for r in table("change_words.tsv") if r.cells["lang"] == "zh"]
    changes = {r["word"]: r["direction"] for r in change_rows if r["position"] == "before"}
    than = {r["word"]: r["direction"] for r in change_rows if r["position"] == "than"}
    after_base = {r["word"]: r["direction"] for r in change_rows if r["position"] == "after_base"}
    before_noun = {r["word"]: r["direction"] for r in change_rows if r["position"] == "before_noun"}
    words = {r.cells["word"]: r.cells["reason"] for r in table("number_words.tsv") if r.cells["lang"] == "zh"}
    names = [r.cells["suffix"] for r in table("name_suffixes.tsv") if r.cells["lang"] == "zh"]
    before = alternation([w for (w, p) in qualifiers if p == "before"])
    after = alternation([w for (w, p) in qualifiers if p == "after"])
    measure_starts = "".join(sorted({w[0] for w in units}))
    unit_words = alternation(list(units))
    currencies_after = alternation([c['word'] for c in currency_rows if c['position'] != 'before'])
    whole_bound = rf"(?P<q>{alternation([w for (w, p) in qualifiers if p == 'before' and len(w) > 1])})\p{{Han}}{{1,8}}?"
    word_figures = table("zh_word_figures.tsv", optional=frozenset({"cues", "approx", "unit", "not_after"}))
    congress = table("zh_congress.tsv")
    return Vocabulary(
        units=units,
        currencies={c["word"]: c["code"] for c in currency_rows},
        qualifiers=qualifiers,
        changes=changes,
        words=words,
        ordinal_words=tuple((w, r) for w, r in words.items() if w.startswith("第")),
        suffix=patterns.compile(
            rf"(?:(?P<mid>{alternation([w for (w, p) in qualifiers if p == 'mid'])})"
            rf"|(?P<mid>{alternation([w for (w, p) in qualifiers if p == 'mid_unit'])})(?=[ ]?(?:[%％]|{currencies_after}|{unit_words})))?"
            rf"[ ]?(?:(?P<pct>[%％])|(?P<cur>{currencies_after})|(?P<unit>{unit_words}))?(?P<after>{after})?"
        ),
        prefix_qualifier=patterns.compile(rf"(?P<q>{before})[了到]?[ ]?", regex.REVERSE),
        share_bound=patterns.compile(rf"(?P<q>{alternation([w for (w, p) in qualifiers if p == 'after_share'])})"),
        duration_bound=patterns.compile(
            rf"(?P<q>{alternation([w for (w, p) in qualifiers if p == 'duration'])})(?![地资部容外涵需销陆])"),
        share_qualifier=patterns.compile(
            rf"(?P<q>{alternation([w for (w, p) in qualifiers if p == 'share'])})占[^，,。；;：:、]{{0,16}}", regex.REVERSE),
        whole_qualifier=patterns.compile(rf"{whole_bound}的", regex.REVERSE),
        base_qualifier=patterns.compile(whole_bound, regex.REVERSE),
        prefix_currency=patterns.compile(
            rf"(?P<c>{alternation([c['word'] for c in currency_rows if c['position'] != 'after'])})[ ]?", regex.REVERSE
        ),
        prefix_change=patterns.compile(rf"(?P<c>{alternation(list(changes))})了?(?:{before})?[ ]?", regex.REVERSE),
        comparison_change=patterns.compile(
            rf"(?:(?P<than>{alternation(list(than))})[^\P{{Han}}的]{{1,{COMPARED_REACH}}}?"
            rf"|比(?![例重率较])[^\P{{Han}}的]{{1,{COMPARED_REACH}}}?(?P<base>{alternation(list(after_base))})了?"
            rf"|(?P<noun>{alternation(list(before_noun))})了?(?![到至为成值])[^\P{{Han}}的]{{1,{NOUN_REACH}}}?)",
            regex.REVERSE),
        comparison_changes=than | after_base | before_noun,
        word_pattern=patterns.compile(alternation(list(words))),
        word_chars=frozenset("".join(words)),
        word_reach=max(map(len, words)) - 1,
        name_suffix=re.compile(prefix_tree(names)),
        word_figure_words=re.compile("|".join(re.escape(r.cells["word"]) for r in word_figures)),
        word_figures=tuple(
            (patterns.compile(rf"(?:{alternation(r.cells['cues'].split('|'))})(?![民住])\p{{Han}}{{0,{CUE_GAP}}}?{_word_figure(r.cells)}"
                              if r.cells["cues"] else _word_figure(r.cells)),
             ClaimKind(r.cells["kind"]), to_json_number(Decimal(r.cells["value"])), Approx(r.cells["approx"]) if r.cells["approx"] else None,
             r.cells["unit"] or None)
            for r in word_figures),
        congress_before=patterns.compile(
            alternation([r.cells["word"] for r in congress if r.cells["position"] == "before"]), regex.REVERSE),
        session_after=patterns.compile(alternation([r.cells["word"] for r in congress if r.cells["position"] == "session"])),
        congress_after=patterns.compile(
            rf"{alternation([r.cells['word'] for r in congress if r.cells['position'] == 'after'])}|(?!\p{{Han}})"),
        denominator_before=patterns.compile(
            alternation([r.cells["word"] for r in table("denominators.tsv") if r.cells["lang"] == "zh"]), regex.REVERSE),
        unit_label=patterns.compile(
            rf"(?:[（(][ ]?(?P<g>{ZH_SCALE}(?:{currencies_after}|{unit_words})?)[ ]?[)）]"
            rf"|(?:{alternation([r.cells['word'] for r in table('unit_labels.tsv') if r.cells['lang'] == 'zh'])})[ ]?[:：][ ]?"
            rf"(?P<g>{ZH_SCALE}(?:{currencies_after}|{unit_words})?))[ 。.]*\Z"),
        name_gloss=patterns.compile(
            rf"(?:{alternation([w for w, r in words.items() if r == 'name'])})[”\"」]?\p{{Han}}{{0,2}}"
            rf"(?P<g>[（(][ ]?[0-9０-９]{{4}}[ ]?年?[ ]?(?:[-－–—~～至到]|——)[ ]?[0-9０-９]{{4}}[ ]?年?[ ]?[)）])"
        ),
        name_pattern=patterns.compile(
            rf"第?(?<![0-9０-９一二三四五六七八九十])[0-9０-９一二三四五六七八九十]++(?![{measure_starts}万亿])[^\P{{Han}}的]{{0,8}}?"
            rf"(?:{alternation(names)})"
        ),
    )


def _word_figure(cells: dict[str, str]) -> str:
    """The pattern of one word of rules/zh_word_figures.tsv, never right after a character of its `not_after`."""
    guard = f"(?<![{regex.escape(cells['not_after'])}])" if cells["not_after"] else ""
    return rf"{guard}(?P<w>{regex.escape(cells['word'])})"


def read_zh(text: str, start: int, end: int, marker_end: int) -> list[Found]:
    """Claims and skipped spans of the Chinese sentence text[start:end], in order."""
    return ZhReader(text, start, end, marker_end).read()


class ZhReader(SentenceReader):
    """Reads one Chinese sentence."""

    lang = Lang.zh
    scan = staticmethod(scan_zh)
    reach_back = 6
    unit_label_reach = UNIT_LABEL_REACH
    list_join = patterns.compile(r"[、，,和及与或]|以及")
    bare_units = (None, "个")

    def __init__(self, text: str, start: int, end: int, marker_end: int) -> None:
        super().__init__(text, start, end, marker_end)
        self.vocab = vocabulary()

    def _fixed_spans(self) -> SpanIndex[SkipReason]:
        """Heading markers, identifiers (SZDB/Z 71-2013) and names (第七大道科技有限公司)."""
        spans = self._heading_span()
        if (any(t.form in ("arabic", "mixed") for t in self.tokens)
                and _MAY_HOLD_IDENTIFIER.search(self.text, self.start, self.end)):
            spans += [(m.start(), m.end(), SkipReason.identifier)
                      for m in _IDENTIFIER.finditer(self.text, self.start, self.end)]
        if self.vocab.name_suffix.search(self.text, self.start, self.end):
            spans += [(m.start(), m.end(), SkipReason.name)
                      for m in self.vocab.name_pattern.finditer(self.text, self.start, self.end)]
        if _has_parenthesis(self.text, self.start, self.end):
            spans += [(m.start("g"), m.end("g"), SkipReason.name)
                      for m in self.vocab.name_gloss.finditer(self.text, self.start, self.end)]
        spans += self._table_unit()  # 商标注册量（万件）
        return SpanIndex(spans)

    def _may_be_table_unit(self, token: NumberToken) -> bool:
        return token.scale is None and token.form == "zh"  # 万, 亿: a scale with no coefficient

    def _listed(self, found: list[Found]) -> list[Found]:
        return super()._listed(self._between_bounds(found))

    def _between_bounds(self, found: list[Found]) -> list[Found]:
        """1倍以上5倍以下, 1万元以上5万元以下 (from one to five times): a figure bounded from below written right
        before one of its kind bounded from above is one range, as "one to five times" is."""
        merged: list[Found] = []
        for item in found:
            before = merged[-1] if merged else None
            if (before is not None and before.kind is not None and before.kind is item.kind and before.unit == item.unit
                    and before.end == item.start and before.value_max is None and item.value_max is None
                    and before.approx in (Approx.over, Approx.at_least) and item.approx in (Approx.under, Approx.up_to)
                    and isinstance(before.value, (int, float)) and isinstance(item.value, (int, float))
                    and before.value < item.value):
                merged[-1] = before._replace(end=item.end, value_max=item.value, approx=None)
                continue
            merged.append(item)
        return merged

    def _reading(self, i: int, token: NumberToken) -> Reading:
        for form in (self._numeric_date, self._proportion, self._slash_base, self._decade, self._time, self._month_day, self._fraction, self._one_in_every, self._doubling,
                     self._ordinal, self._idiom, self._neighbours, self._digit_run, self._top, self._range, self._quantity):
            reading = form(i, token)
            if reading is not None:
                return reading
        return Found(token.start, token.end, None, SkipReason.word), 1

    # --- forms ------------------------------------------------------------------

    def _slash_base(self, i: int, token: NumberToken) -> Reading | None:
        """The base of a rate written with a slash (17.8/10万 = 17.8 per 100,000): a unit, never a figure."""
        if (self.text[token.start - 1 : token.start] not in SLASHES or token.start - 1 < self.floor
                or token.value < 100 or token.value != 10 ** int(token.value.adjusted())):
            return None
        return Found(token.start - 1, token.end, None, SkipReason.unit), 1

    def _decade(self, i: int, token: NumberToken) -> Reading | None:
        """20世纪90年代 and 80年代 (the 1990s, the 1980s): a period of ten years. With no century named, a decade
        from the fifties on is the 1900s' and one before it the 2000s'."""
        century, first = None, token
        if self.text.startswith("世纪", token.end) and _is_whole(token, 1, 30):
            first = self._next(i, token.end + 2)
            if first is None:
                return None
            century = int(token.value)
        if not (self.text.startswith("年代", first.end) and _is_whole(first, 10, 90) and first.value % 10 == 0):
            return None
        decade = int(first.value)
        base = (century - 1) * 100 if century else 1900 if decade >= 50 else 2000
        return self._claim(token.start, first.end + 2, ClaimKind.period, f"{base + decade}/{base + decade + 9}"), \
            2 if century else 1

    def _time(self, i: int, token: NumberToken) -> Reading | None:
        """2013年, 2013年底, 2013年3月, 2013年9月26日; periods 2012.5-2013.4, 2011-2015年, 2012年至2014年."""
        first = self._date(i)
        if first is None:
            return None
        value, end, used, dated = first
        if len(value) == 4 and self.text.startswith("前", end) and i + used < len(self.tokens):
            count = self.tokens[i + used]  # 2019年前9个月: January to September 2019
            if count.start == end + 1 and _is_whole(count, 1, 12) and self.text.startswith(_MONTHS, count.end):
                return (self._claim(token.start, count.end + len(_MONTHS), ClaimKind.period,
                                    f"{value}-01/{value}-{int(count.value):02d}"), used + 1)
        sep = _RANGE_SEPARATOR.match(self.text, end, self._ahead(end))
        if sep and i + used < len(self.tokens) and self.tokens[i + used].start == sep.end():
            second = self._date(i + used)
            if second is not None and (dated or second[3]):
                return self._claim(token.start, second[1], ClaimKind.period, f"{value}/{second[0]}"), used + second[2]
            if second is None and "-" in value and "/" not in value:  # 2020年1月23日至4月8日: the year holds for both
                last = self._month_day(i + used, self.tokens[i + used])
                if last is not None and last[0] is not None and len(str(last[0].value)) == len(value) - 5:
                    return (self._claim(token.start, last[0].end, ClaimKind.period, f"{value}/{value[:4]}-{last[0].value}"),
                            used + last[1])
        if not dated:
            if token.form != "arabic" or self._suffix(token.end).end() > token.end or self._prefix(token.start).approx:
                return None
            dated = True  # a bare 2016 with nothing to count after it is a year (深圳市知识产权白皮书2016)
        kind = ClaimKind.period if "/" in value else ClaimKind.year if len(value) == 4 else ClaimKind.date
        return self._claim(token.start, end, kind, value), used

    def _date(self, i: int) -> tuple[str, int, int, bool] | None:
        """(value, end, tokens used, dated) of a year or date at token i; `dated` is False for a bare 2011."""
        token = self.tokens[i]
        if m := _DECIMAL_YEAR.fullmatch(self.text, token.start, token.end):
            month = int(m.group("m"))
            if int(m.group("y")) in YEARS and 1 <= month <= 12:
                return f"{int(m.group('y')):04d}-{month:02d}", token.end, 1, True
            return None
        if not _is_year(token):
            return None
        year = f"{int(token.value):04d}"
        tail = _YEAR_TAIL.match(self.text, token.end, self._ahead(token.end))
        if tail is None:
            return year, token.end, 1, False
        if tail.group("end"):
            return f"{year}-12", tail.end(), 1, True
        if tail.group("begin"):
            return f"{year}-01", tail.end(), 1, True
        if part := year_part_pattern(Lang.zh).match(self.text, tail.end(), self._ahead(tail.end())):
            inside = sum(1 for t in self.tokens[i + 1 : i + 4] if t.start < part.end())  # the 一 of 一季度
            first, last = YEAR_PARTS[Lang.zh][part.group()]
            return f"{year}-{first:02d}/{year}-{last:02d}", part.end(), 1 + inside, True
        month_token = self._next(i, tail.end())
        month = self._month_day(i + 1, month_token) if month_token and not tail.group() == "年度" else None
        if month is not None:
            months = str(month[0].value).split("/")
            return "/".join(f"{year}-{m}" for m in months), month[0].end, 1 + month[1], True
        return year, tail.end(), 1, True

    def _month_day(self, i: int, token: NumberToken) -> Reading | None:
        """9月, 9月26日, and 4·26 inside quotes (also with the dot damaged to 4?26); months 1-6月 and 9月至12月
        (a period, "09/12")."""
        if not _is_whole(token, 1, 12):
            return None
        after = self.text[token.end : token.end + 1]
        counted = self.text[token.start - 1 : token.start] == "个"  # 三个月 is a duration, no month
        if not counted:
            sep = _RANGE_SEPARATOR.match(self.text, token.end + (after == "月"), self._ahead(token.end))
            last = self._next(i, sep.end()) if sep else None
            if (last is not None and _is_whole(last, 1, 12) and self.text.startswith("月", last.end)
                    and last.value > token.value):
                return self._claim(token.start, last.end + 1, ClaimKind.period,
                                   f"{int(token.value):02d}/{int(last.value):02d}"), 2
        if after == "月" and not counted:
            day = self._next(i, token.end + 1)
            if day and (day_end := self._day_end(day)) is not None:
                first = f"{int(token.value):02d}-{int(day.value):02d}"
                if (last := self._last_day(i + 1, day_end, token, day)) is not None:
                    value, end, used = last
                    return self._claim(token.start, end, ClaimKind.period, f"{first}/{value}"), 2 + used
                return self._claim(token.start, day_end, ClaimKind.date, first), 2
            return self._claim(token.start, token.end + 1, ClaimKind.date, f"{int(token.value):02d}"), 1
        day = self._next(i, token.end + 1)
        if (day and _MONTH_DAY_SEPARATOR.fullmatch(after) and _is_whole(day, 1, 31)
                and _OPEN_QUOTE.fullmatch(self.text, token.start - 1, token.start)
                and _CLOSE_QUOTE.match(self.text, day.end, self._ahead(day.end))):
            return self._claim(token.start, day.end, ClaimKind.date, f"{int(token.value):02d}-{int(day.value):02d}"), 2
        return None

    def _last_day(self, i: int, end: int, month: NumberToken, day: NumberToken) -> tuple[str, int, int] | None:
        """The end of a span of days after the date month/day ending at `end` (token i its day): a later day of
        that month (5月15日至19日) or a later month's day (9月28日至10月3日), as (MM-DD, its end, tokens used)."""
        sep = _RANGE_SEPARATOR.match(self.text, end, self._ahead(end))
        first = self._next(i, sep.end()) if sep else None
        if first is None:
            return None
        if (first_end := self._day_end(first)) is not None:
            return (f"{int(month.value):02d}-{int(first.value):02d}", first_end, 1) if first.value > day.value else None
        if not (self.text.startswith("月", first.end) and _is_whole(first, 1, 12) and first.value > month.value):
            return None
        second = self._next(i + 1, first.end + 1)
        if second is None or (second_end := self._day_end(second)) is None:
            return None
        return f"{int(first.value):02d}-{int(second.value):02d}", second_end, 2

    def _day_end(self, token: NumberToken) -> int | None:
        """Where a day of the month ends (19日, 3号): a whole number from 1 to 31 and 日 or 号 after it."""
        if not _is_whole(token, 1, 31):
            return None
        tail = _DAY_TAIL.match(self.text, token.end, self._ahead(token.end))
        return tail.end() if tail else None

    def _fraction(self, i: int, token: NumberToken) -> Reading | None:
        """三分之一, 1/3, 百分之十二 (a percent), 一半 as a share (一半以上, 占...的一半) or a change (减少了一半), 三成
        and 3成 (30%)."""
        if below := self._slash_denominator(i, token):
            share = share_of(token.value, below.value)
            return self._share(token, below.end, ClaimKind.fraction, to_json_number(share), 2)
        numerator = self._next(i, token.end + 2) if self.text.startswith("分之", token.end) else None
        if numerator and token.value:
            if token.value == 100:
                return self._share(token, numerator.end, ClaimKind.percent, to_json_number(numerator.value), 2)
            share = share_of(numerator.value, token.value)
            return self._share(token, numerator.end, ClaimKind.fraction, to_json_number(share), 2)
        if token.value == 1 and token.form == "zh" and self.text.startswith("半", token.end):
            half = self._share(token, token.end + 1, ClaimKind.fraction, 0.5, 1)
            if (half[0].approx or half[0].change or self.text[token.start - 1 : token.start] in ("的", "占", "约", "近")
                    or _HALF_OF.match(self.text, token.end + 1, self._ahead(token.end)) and not _OTHER_HALF.match(
                        self.text, max(self.start, token.start - 1), token.start)):
                return half
            return Found(token.start, token.end + 1, None, SkipReason.idiom), 1
        if (token.form in ("zh", "arabic") and not token.scale and 0 < token.value < 10
                and _CHENG.match(self.text, token.end, self._ahead(token.end))):  # 三成, 3成, 3.5成
            return self._share(token, token.end + 1, ClaimKind.percent, to_json_number(token.value * 10), 1)
        return None

    def _one_in_every(self, i: int, token: NumberToken) -> Reading | None:
        """每三家企业中就有一家 (one in every three enterprises): a share, M of every N."""
        if self.text[token.start - 1 : token.start] != "每" or token.start - 1 < self.floor or not _is_whole(token, 2, 1000):
            return None
        unit = self._suffix(token.end).group("unit")
        has = _EVERY_HAS.match(self.text, token.end + len(unit or ""), self._ahead(token.end))
        part = next((j for j in range(i + 1, len(self.tokens)) if self.tokens[j].start == has.end()), None) if has else None
        if part is None or not _is_whole(self.tokens[part], 1, int(token.value) - 1):
            return None
        some = self.tokens[part]
        end = some.end + len(self._suffix(some.end).group("unit") or "")
        share = share_of(some.value, token.value)
        return self._share(token._replace(start=token.start - 1), end, ClaimKind.fraction, to_json_number(share), part - i + 1)

    def _share(self, token: NumberToken, end: int, kind: ClaimKind, value: int | float, used: int) -> Reading:
        """A share or percent ending at `end`, with a bound written before it (近两成, 约三分之一) or after it
        (三分之二以上)."""
        end, approx = self._after_qualifier(end)
        if approx is None and (bound := self._bound_after(self.vocab.share_bound, end, "after_share")):
            end, approx = bound
        prefix = self._prefix(token.start)
        unit = "%" if kind is ClaimKind.percent else None
        return self._claim(prefix.start, end, kind, value, approx=prefix.approx or approx, unit=unit), used

    def _doubling(self, i: int, token: NumberToken) -> Reading | None:
        """翻一番 (x2), 翻了一番, 翻两番 (x4)."""
        if self.text.startswith("番", token.end) and (turned := _TURNED.match(self.text, max(self.start, token.start - 4),
                                                                             token.start)):
            approx = self._qualifier(turned.group("q"), "before") if turned.group("q") else None
            return self._claim(turned.start(), token.end + 1, ClaimKind.multiple, 2 ** int(token.value),
                               approx=approx, change=Change.increase), 1
        return None

    def _ordinal(self, i: int, token: NumberToken) -> Reading | None:
        """After 第: 第十五届 (ordinal), 第二位 (rank), 第二大 (rank), 第一 ending a phrase (rank)."""
        start = token.start - 1
        if start < self.start or self.text[start] != "第":
            return None
        for word, reason in self.vocab.ordinal_words:
            if self.text.startswith(word, start):
                return Found(start, start + len(word), None, SkipReason(reason)), 1
        value = to_json_number(token.value)
        unit = self._suffix(token.end).group("unit")
        if unit:
            run = start - len(_IN_A_ROW)
            if self.vocab.units[unit]["kind"] == "duration" and run >= self.start and self.text.startswith(_IN_A_ROW, run):
                return self._claim(run, token.end + len(unit), ClaimKind.duration, value, unit=unit), 1
            kind = ClaimKind(self.vocab.units[unit]["ordinal_kind"])
            return self._claim(start, token.end + len(unit), kind, value, unit=unit), 1
        if _BIG.match(self.text, token.end, self._ahead(token.end)):
            return self._claim(start, token.end + 1, ClaimKind.rank, value), 1
        kind = ClaimKind.rank if _END_OF_PHRASE.match(self.text, token.end, self._ahead(token.end)) else ClaimKind.ordinal
        return self._claim(start, token.end, kind, value), 1

    def _idiom(self, i: int, token: NumberToken) -> Reading | None:
        """Set phrases with a numeral (一系列, 进一步, 每万人): skipped with their reason."""
        if not self.vocab.word_chars.issuperset(self.text[token.start : token.end]):
            return None  # a set phrase holding the token holds each of its characters
        reach = self.vocab.word_reach
        window = (max(self.start, token.start - reach), min(self.end, token.end + reach))
        for m in self.vocab.word_pattern.finditer(self.text, *window, overlapped=True):
            if m.start() <= token.start and token.end <= m.end():
                return self._skip_span(i, m.start(), m.end(), SkipReason(self.vocab.words[m.group()]))
        return None

    def _neighbours(self, i: int, token: NumberToken) -> Reading | None:
        """Two neighbouring numerals written together say "this or the next" (概数): 两三个月 (two or three months),
        三五家 (three to five), 七八十人 (70 or 80), 三四百万 (3 to 4 million), 十一二个 (11 or 12), 三四成 (30 to 40
        percent). One range, as "two to three" is; each end scaled by the place the second numeral holds."""
        if token.form != "zh" or token.scale:
            return None
        written = self.text[token.start : token.end]
        upper = self._next(i, token.end)
        if decades := self._neighbouring_decades(token, upper, written):
            return decades
        if len(written) == 2 and is_digit_run(written):  # 三五家: one token, read digit by digit as 35
            low, high = zh_digit(written[0]), zh_digit(written[1])
            if not _neighbouring(low, high):
                return None
            reading = self._upper(i, token._replace(value=Decimal(high)), token.start)
            return None if reading is None else self._approximate(reading, Decimal(low) / high, 1, token.start)
        if upper is None or upper.form != "zh" or _is_year(upper):
            return None
        following = self.text[upper.start : upper.end]
        high = zh_digit(following[0])
        if len(written) == 1:  # 两三个月, 七八十人, 三四百万: the second's place holds for both
            low = zh_digit(written)
            place = upper.value / high if high else 0
            if not _neighbouring(low, high) or place != 10 ** int(place.adjusted()):
                return None
            reading = self._upper(i + 1, upper, token.start)
            return None if reading is None else self._approximate(reading, Decimal(low) / high, 2, token.start)
        low = zh_digit(written[-1])  # 十一二个, 二十三四岁: the last digit and the one after it
        if len(following) != 1 or zh_digit(written[-2]) is not None or not _neighbouring(low, high) or not low:
            return None
        top = token.value - low + high
        reading = self._upper(i + 1, upper._replace(value=top), token.start)
        return None if reading is None else self._approximate(reading, token.value / top, 2, token.start)

    def _neighbouring_decades(self, token: NumberToken, upper: NumberToken | None, written: str) -> Reading | None:
        """五六十年代 (the 1950s and 1960s): one period over both decades, of the century `_decade` would take."""
        if (len(written) != 1 or upper is None or not self.text.startswith("年代", upper.end)
                or not _is_whole(upper, 20, 90) or upper.value % 10):
            return None
        low, high = zh_digit(written), int(upper.value) // 10
        if not _neighbouring(low, high):
            return None
        base = 1900 if high >= 5 else 2000
        return self._claim(token.start, upper.end + 2, ClaimKind.period, f"{base + low * 10}/{base + high * 10 + 9}"), 2

    def _upper(self, i: int, upper: NumberToken, start: int) -> Found | None:
        """The upper end of a 概数 read as a figure of its own (a share, else a quantity), from the first numeral on."""
        reading = self._fraction(i, upper) or self._quantity(i, upper._replace(start=start))
        found = reading[0] if reading else None
        if found is None or found.kind not in RANGE_KINDS | {ClaimKind.duration} or not found.unit:
            return None  # with no measure word two numerals are no figure (二三产业, 一二线城市)
        return found

    @staticmethod
    def _approximate(upper: Found, ratio: Decimal, used: int, start: int) -> Reading:
        """The range of a 概数 from its upper end: the lower end is `ratio` of it."""
        assert isinstance(upper.value, (int, float))
        low = to_json_number(rounded(Decimal(str(upper.value)) * ratio).normalize())
        return upper._replace(start=min(upper.start, start), value=low, value_max=upper.value), used

    def _digit_run(self, i: int, token: NumberToken) -> Reading | None:
        """Digits written one by one name something (五四运动, 三八妇女节, 九一八, 一二三产业); as a figure a numeral
        is written by place value (五十四). A run of four digits that is a year is a year (二〇一三)."""
        if token.form != "zh" or not is_digit_run(self.text[token.start : token.end]):
            return None
        if _is_year(token) and len(self.text[token.start : token.end]) == 4:
            return self._claim(token.start, token.end, ClaimKind.year, f"{int(token.value):04d}"), 1
        return Found(token.start, token.end, None, SkipReason.word), 1

    def _top(self, i: int, token: NumberToken) -> Reading | None:
        """排名前五的, 前10强 (the top five, the top 10): a count with no measure word, as its English is."""
        if (self.text[token.start - 1 : token.start] != "前" or token.start - 1 < self.floor or token.scale
                or token.value != int(token.value) or not _TOP_END.match(self.text, token.end, self._ahead(token.end))):
            return None
        return self._claim(token.start - 1, token.end, ClaimKind.count, to_json_number(token.value)), 1

    def _range(self, i: int, token: NumberToken) -> Reading | None:
        """1200万至1400万人次, 3-5家, 10%~15%, 138亿至143亿元, 1亿元至5亿元: one claim, the scale of the upper end
        applied to both."""
        if _is_year(token):
            return None
        own = self._suffix(token.end)
        own_unit = self.vocab.currencies[own.group("cur")] if own.group("cur") else own.group("unit")
        sep = _RANGE_SEPARATOR.match(self.text, own.end(), self._ahead(own.end()))
        upper = self._next(i, sep.end()) if sep else None
        if upper is None or _is_year(upper):
            return None
        high = self._quantity(i + 1, upper)
        if high is None or high[0].kind not in RANGE_KINDS or bool(own.group("pct")) != (high[0].kind is ClaimKind.percent):
            return None
        if own_unit and not own.group("pct") and own_unit != high[0].unit:
            return None  # each end its own figure (5家至10个): only a unit written at both ends joins them
        low = token.value
        if upper.scale and not token.scale:
            low *= scale_of(upper.scale)
        prefix = self._prefix(token.start)
        upper_claim = high[0]
        return self._claim(prefix.start, upper_claim.end, upper_claim.kind, to_json_number(low),
                           value_max=upper_claim.value, unit=upper_claim.unit,
                           approx=prefix.approx or upper_claim.approx), 2

    def _quantity(self, i: int, token: NumberToken) -> Reading | None:
        """A number and its unit: %, 个百分点, a currency, a measure word, 年 as a duration, 倍."""
        suffix = self._suffix(token.end)
        end = suffix.end()
        if suffix.group("pct"):
            kind, unit = ClaimKind.percent, "%"
        elif suffix.group("cur"):
            kind, unit = ClaimKind.money, self.vocab.currencies[suffix.group("cur")]
        elif suffix.group("unit"):
            unit = suffix.group("unit")
            kind = ClaimKind(self.vocab.units[unit]["kind"])
            if (self.vocab.units[unit]["one_kind"] and token.value == 1 and token.form == "zh"
                    and _HAN.match(self.text, suffix.end("unit"))):  # 一级博物馆: a first-class museum
                kind = ClaimKind(self.vocab.units[unit]["one_kind"])
            if kind is ClaimKind.count and unit == _TIMES_UNIT and self._session(token, suffix.end("unit")):
                kind = ClaimKind.ordinal  # 十一届全国人大三次会议: the Third Session
            if years := self.vocab.units[unit]["years"]:  # 一个世纪: 100 years, as "a century" says it
                token = token._replace(value=token.value * int(years))
        elif token.form in ("arabic", "mixed") or token.scale:
            kind, unit = ClaimKind.count, None
        elif self.text.startswith("大", token.end) and token.form == "zh":
            kind, unit, end = self._big(token), "大", token.end + 1
            if kind is None:
                return None
        elif token.end - token.start >= 2:
            kind, unit = ClaimKind.count, None
        else:
            return None
        after, mid = suffix.group("after"), suffix.group("mid")
        approx = self._qualifier(after, "after") if after else self._mid_qualifier(mid) if mid else None
        if approx is None and token.approx:
            approx = Approx(token.approx)
        if not (after or mid or kind is not ClaimKind.count or unit):
            end = token.end
        if kind is ClaimKind.duration and approx is None and (
                bound := self._bound_after(self.vocab.duration_bound, end, "duration")):
            end, approx = bound
        if kind is ClaimKind.count and self._ends_before(self.vocab.denominator_before, token.start):
            return Found(token.start, end, None, SkipReason.unit), 1
        prefix = self._prefix(token.start, duration=kind is ClaimKind.duration)
        if prefix.currency:  # 港币5亿元: the currency named before a plain 元 is the figure's
            kind, unit = ClaimKind.money, unit if kind is ClaimKind.money and unit != "CNY" else prefix.currency
        if (kind is ClaimKind.count and _RATIO_CUE.search(self._clause_before(token.start))
                and _END_OF_PHRASE.match(self.text, end, self._ahead(end))):
            kind = ClaimKind.ratio
        return self._claim(prefix.start, end, kind, to_json_number(token.value), unit=unit,
                           approx=prefix.approx or approx), 1

    def _session(self, token: NumberToken, end: int) -> bool:
        """Whether N次 ending at `end` is the Nth session of a congress counted with 届 earlier in its clause."""
        return (self.vocab.session_after.match(self.text, end, self._ahead(end)) is not None
                and _TERM in self._clause_before(token.start))

    def _big(self, token: NumberToken) -> ClaimKind | None:
        """N大: the Nth National Congress (党的十九大, 十八大以来) is an ordinal; before a noun it counts major
        things (三大产业); anything else (一大早) is no figure."""
        if _is_whole(token, 1, 40) and (self._ends_before(self.vocab.congress_before, token.start)
                                        or self.vocab.congress_after.match(self.text, token.end + 1, self._ahead(token.end + 1))):
            return ClaimKind.ordinal
        return ClaimKind.count if _BIG.match(self.text, token.end, self._ahead(token.end)) else None

    # --- context ----------------------------------------------------------------

    def _after_qualifier(self, position: int) -> tuple[int, Approx | None]:
        """A bound written after a figure (以上, 左右, 两成多): where the claim ends, and the bound."""
        suffix = self._suffix(position)
        after = suffix.group("after")
        if after:
            return position + len(after), self._qualifier(after, "after")
        bare = suffix.group("mid") if not (suffix.group("pct") or suffix.group("cur") or suffix.group("unit")) else None
        return (position + len(bare), self._mid_qualifier(bare)) if bare else (position, None)

    def _bound_after(self, pattern: regex.Pattern[str], position: int, where: str) -> tuple[int, Approx | None] | None:
        """A bound only some figures take, right after one: 内 after a span of time (3个月内, `duration_bound`), 强
        after a share (三分之一强, `share_bound`). Where the claim ends, and its bound; `where` is the bound's
        position in rules/qualifiers.tsv."""
        m = pattern.match(self.text, position, self._ahead(position))
        return (m.end(), self._qualifier(m.group("q"), where)) if m else None

    def _mid_qualifier(self, word: str) -> Approx | None:
        """The bound of a word between a number and its unit (4500多次, 3000来家)."""
        return self._qualifier(word, "mid") or self._qualifier(word, "mid_unit")

    def _qualifier(self, word: str, position: str) -> Approx | None:
        approx = self.vocab.qualifiers.get((word, position))
        return None if approx in (None, "exact") else Approx(approx)

    def _bound(self, qualifier: regex.Match[str], duration: bool) -> Approx | None:
        """近 before a duration is "recent" (近三年), and 最近/附近/接近 are other words; 上 bounds only a bare
        round numeral (上百家, 上千人), never digits (线上1000家) or a year (比上年)."""
        word = qualifier.group("q")
        if word == "近" and (duration or self.text[qualifier.start() - 1 : qualifier.start()] in ("最", "附", "接")):
            return None
        if word == "上" and self.text[qualifier.end() : qualifier.end() + 1] not in _ROUND_NUMERALS:
            return None
        return self._qualifier(word, "before")

    def _change(self, position: int) -> Change | None:
        m = self.vocab.prefix_change.match(self.text, max(self.start, position - 10), position)
        if m:
            return Change(self.vocab.changes[m.group("c")])
        m = self.vocab.comparison_change.match(self.text, max(self.floor, position - COMPARED_REACH - 3), position)
        return Change(self.vocab.comparison_changes[m.group("than") or m.group("base") or m.group("noun")]) if m else None

    def _clause_before(self, position: int) -> str:
        return self.text[last_break(_CLAUSE_BREAK, self.text, self.start, position) : position]

    def _tokenless(self) -> list[Found]:
        """Figures written with no numeral (居全国首位: ranks first), from rules/zh_word_figures.tsv."""
        if not self.vocab.word_figure_words.search(self.text, self.start, self.end):
            return []
        found = []
        for pattern, kind, value, approx, unit in self.vocab.word_figures:
            for m in pattern.finditer(self.text, self.start, self.end):
                start, end, bound = m.start("w"), m.end("w"), approx
                if kind is ClaimKind.duration and bound is None and (
                        after := self._bound_after(self.vocab.duration_bound, end, "duration")):
                    end, bound = after
                if kind is ClaimKind.fraction and bound is None:  # 半数以上, 逾半数: a share takes a bound as any figure
                    end, bound = self._after_qualifier(end)
                    if bound is None:
                        prefix = self._tokenless_prefix(start)
                        start, bound = prefix.start, prefix.approx
                found.append(self._claim(start, end, kind, value, unit=unit, approx=bound))
        return sorted(found, key=lambda f: f.start)

    def _claim(self, start: int, end: int, kind: ClaimKind, value: int | float | str, *,
               value_max: int | float | str | None = None, unit: str | None = None,
               approx: Approx | None = None, change: Change | None = None) -> Found:
        """A claim; a quantity takes the change word written right before it (同比增长10.29%), a share the
        bound before its 占 (约占全球的七成) or before the whole it is of (超过全国的40%)."""
        if approx is None and kind in _OF_A_WHOLE:
            if kind is not ClaimKind.multiple and (
                    share := self.vocab.share_qualifier.match(self.text, max(self.floor, start - SHARE_REACH), start)):
                approx = self._qualifier(share.group("q"), "share")
            elif whole := (self.vocab.whole_qualifier.match(self.text, max(self.floor, start - WHOLE_REACH), start)
                           or kind is ClaimKind.multiple
                           and self.vocab.base_qualifier.match(self.text, max(self.floor, start - WHOLE_REACH), start)):
                approx = self._qualifier(whole.group("q"), "before")  # 超过全国的40%, 约为全国平均水平(的)8倍
            elif (whole_time := self._time_whole(start)) is not None:
                approx = whole_time  # 约为2012年的2倍
            elif (aside := self._aside_whole(start, kind)) is not None:
                approx = aside  # 约为全国平均水平（6.3件）的12倍
        if change is None and kind in CHANGEABLE:
            change = self._change(start) or self._joined_change(start, kind)
        return Found(start, end, kind, None, value, value_max, unit, approx, change)

    def _aside_whole(self, start: int, kind: ClaimKind) -> Approx | None:
        """The bound before a whole that has its own figure in brackets after it (约为全国平均水平（6.3件）的12倍:
        about 12 times the national average of 6.3), which `whole_qualifier` cannot reach past the aside."""
        aside = _ASIDE_BEFORE.match(self.text, max(self.start, start - ASIDE_REACH), start)
        if aside is None or (aside.group("of") is None and kind is not ClaimKind.multiple):
            return None
        whole = self.vocab.base_qualifier.match(self.text, max(self.start, aside.start() - WHOLE_REACH), aside.start())
        return self._qualifier(whole.group("q"), "before") if whole else None

    def _time_whole(self, start: int) -> Approx | None:
        """The bound before a whole that is a time read just before (约为2012年的2倍: about twice 2012's), which
        `whole_qualifier` cannot reach past the year's claim."""
        before = self.previous
        if before is None or before.kind not in TIME_KINDS or self.text[before.end : start] != "的":
            return None
        qualifier = self._ends_before(self.vocab.prefix_qualifier, before.start)
        return self._bound(qualifier, False) if qualifier is not None and qualifier.start() >= self.start else None


def _is_year(token: NumberToken) -> bool:
    return (token.form in ("arabic", "zh") and token.scale is None
            and token.value == token.value.to_integral_value() and int(token.value) in YEARS)


def _neighbouring(low: int | None, high: int | None) -> bool:
    """Two digits that make a 概数: the next one up (两三, 七八), or three and five (三五, a few)."""
    return low is not None and high is not None and 0 < low < high <= 9 and (high == low + 1 or (low, high) == (3, 5))


def _has_parenthesis(text: str, start: int, end: int) -> bool:
    return text.find("（", start, end) >= 0 or text.find("(", start, end) >= 0


def _is_whole(token: NumberToken, low: int, high: int) -> bool:
    return token.scale is None and token.value == token.value.to_integral_value() and low <= token.value <= high
