"""Find every number token in a text and resolve its exact value: the lexical layer.

This module answers *where* the numbers are and *what each is worth*, never what it means: 第, 年,
件, a 多 after a token, `over`, `-ever` are read by `claims.py`. So it is complete (every numeral
character run is a token, even inside 一系列; `one` is a token) and exact (`Decimal` end to end, a
scale applied without rounding).

One compiled pattern per language, built once from named parts and the rules tables, finds the
tokens in a single `finditer` pass; small resolvers then read each matched span. Every quantifier
that can meet a long run is possessive or bounded, so no input backtracks catastrophically.

Vocabulary lives in `rules/zh_numerals.tsv`, `rules/en_numbers.tsv` and `rules/scales.tsv`; this file
holds only the grammar. The pattern sources are exported (`ZH_NUMBER`, `EN_NUMBER` and their parts)
so that `claims.py` can compose them; compile them with `regex`, not `re` (they use possessive
quantifiers, Unicode script classes and a scoped `(?i:...)`). Their named groups: `ZH_NUMBER` has
n_arabic, n_approx, n_scale (an Arabic number, 多/余/几, 万/亿) or n_han (a Chinese numeral);
`EN_NUMBER` has n_arabic, n_ordinal (the st/nd/rd/th suffix), n_scale (million) or n_words.
"""

from __future__ import annotations

import decimal
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from operator import itemgetter
from typing import NamedTuple

import regex

from . import patterns
from .errors import RuleError
from .rules import Row, alternation, prefix_tree, table

__all__ = [
    "ARABIC", "EN_NUMBER", "EN_ORDINAL", "EN_SCALE", "EN_WORDS", "ZH_APPROX", "ZH_HAN", "ZH_NUMBER",
    "ZH_SCALE", "NumberToken", "below_scale_place", "parse_arabic", "parse_en_words", "parse_zh_numeral", "rounded", "scale_of", "scan_en",
    "scan_zh", "share_of", "to_json_number",
]


class NumberToken(NamedTuple):
    """One number as written: its span in the scanned text and its exact value."""

    start: int
    end: int
    value: Decimal
    form: str  # "arabic" | "zh" | "mixed" | "word" | "ordinal"
    scale: str | None  # the scale word as written when part of the token (万, 亿, million)
    approx: str | None  # ">" when 多/余/几 sits between the number and its scale (290多万)


# --- 1. the rules tables, validated row by row ---------------------------------------------------


class _ZhChar(NamedTuple):
    value: int  # 0 for role approx
    role: str  # digit | unit | scale | approx
    script: str  # ascii | fullwidth | han
    use: str  # any | lead
    bound: str | None  # role approx: the bound it sets


class _EnWord(NamedTuple):
    value: int
    role: str  # cardinal | ordinal | scale
    place: str  # one | teen | ten | hundred | scale


_BOUNDS = frozenset({">", ">=", "<~", "~", "<=", "<"})
_ZH_VALUES = {"digit": range(10), "unit": (10, 100, 1000), "scale": (10**4, 10**8), "point": (0,)}
_EN_PLACES = {
    "one": range(0, 10), "teen": range(10, 20), "ten": range(20, 100, 10), "hundred": (100,),
    "scale": tuple(10**k for k in range(3, 34, 3)),
}


def _bad(name: str, row: Row, problem: str) -> RuleError:
    return RuleError(f"rules/{name}:{row.line}: {problem}")


def _int_cell(name: str, row: Row, column: str) -> int:
    """An ASCII integer cell: `int()` only ever sees text this pattern accepted."""
    cell = row.cells[column]
    if not regex.fullmatch(r"[0-9]{1,40}", cell):
        raise _bad(name, row, f"{column}={cell!r} is not an integer")
    return int(cell)


def _check_zh_numerals(rows: Sequence[Row], name: str = "zh_numerals.tsv") -> dict[str, _ZhChar]:
    """Validate `zh_numerals.tsv`: one character a row, its value fitting its role and script."""
    chars: dict[str, _ZhChar] = {}
    for row in rows:
        ch, role, script, use = (row.cells[c] for c in ("char", "role", "script", "use"))
        if len(ch) != 1 or ch in chars:
            raise _bad(name, row, f"char={ch!r} is not one character, or is listed twice")
        if role not in ("digit", "unit", "scale", "approx", "point") or script not in ("ascii", "fullwidth", "han"):
            raise _bad(name, row, f"role={role!r} script={script!r}: unknown role or script")
        if use not in ("any", "lead") or (use == "lead" and (role, script) != ("digit", "han")):
            raise _bad(name, row, f"use={use!r}: only a Chinese digit may be `lead`")
        if role == "approx":
            if row.cells["value"] not in _BOUNDS or script != "han":
                raise _bad(name, row, f"value={row.cells['value']!r} is not a bound {sorted(_BOUNDS)}")
            chars[ch] = _ZhChar(0, role, script, use, row.cells["value"])
            continue
        value = _int_cell(name, row, "value")
        if value not in _ZH_VALUES[role] or (script != "han" and role != "digit"):
            raise _bad(name, row, f"value={value} does not fit role={role} script={script}")
        if script != "han" and unicodedata.digit(ch, None) != value:
            raise _bad(name, row, f"U+{ord(ch):04X} is the digit {unicodedata.digit(ch, None)}, not {value}")
        chars[ch] = _ZhChar(value, role, script, use, None)
    return chars


def _check_scales(rows: Sequence[Row], name: str = "scales.tsv") -> dict[str, dict[str, int]]:
    """Validate `scales.tsv`: scale words by language, each multiplier a power of ten."""
    scales: dict[str, dict[str, int]] = {"zh": {}, "en": {}, "en-abbr": {}}
    for row in rows:
        word, lang = row.cells["word"], row.cells["lang"]
        multiplier = _int_cell(name, row, "multiplier")
        if lang not in scales or word in scales[lang]:
            raise _bad(name, row, f"lang={lang!r} is not zh, en or en-abbr, or {word!r} is listed twice")
        if multiplier < 10 or str(multiplier).rstrip("0") != "1":
            raise _bad(name, row, f"multiplier={multiplier} is not a power of ten")
        if lang != "zh" and not regex.fullmatch(r"[a-z]+", word):
            raise _bad(name, row, f"word={word!r}: English scale words are lower-case ASCII")
        scales[lang][word] = multiplier
    return scales


def _check_en_numbers(rows: Sequence[Row], name: str = "en_numbers.tsv") -> dict[str, _EnWord]:
    """Validate `en_numbers.tsv`: lower-case words whose value fits their place."""
    words: dict[str, _EnWord] = {}
    for row in rows:
        word, role, place = (row.cells[c] for c in ("word", "role", "place"))
        value = _int_cell(name, row, "value")
        if not regex.fullmatch(r"[a-z]+", word) or word in words or word == "and":
            raise _bad(name, row, f"word={word!r} is not one lower-case ASCII word, or is listed twice")
        if role not in ("cardinal", "ordinal", "scale") or place not in _EN_PLACES:
            raise _bad(name, row, f"role={role!r} place={place!r}: unknown role or place")
        if value not in _EN_PLACES[place] or (role != "ordinal" and (role == "scale") != (place == "scale")):
            raise _bad(name, row, f"value={value} does not fit role={role} place={place}")
        words[word] = _EnWord(value, role, place)
    return words


def _cross_check(zh: dict[str, _ZhChar], en: dict[str, _EnWord], scales: dict[str, dict[str, int]]) -> None:
    """The scale rows of the two vocabularies must agree with `scales.tsv`."""
    for ch, c in zh.items():
        if c.role == "scale" and scales["zh"].get(ch) != c.value:
            raise RuleError(f"rules/zh_numerals.tsv: scale {ch} = {c.value} disagrees with rules/scales.tsv")
    en_scales = {w: e.value for w, e in en.items() if e.role == "scale"}
    if en_scales != scales["en"]:
        raise RuleError(f"rules/en_numbers.tsv scales {en_scales} disagree with rules/scales.tsv {scales['en']}")


_ZH = _check_zh_numerals(table("zh_numerals.tsv"))
_EN = _check_en_numbers(table("en_numbers.tsv"))
_SCALES = _check_scales(table("scales.tsv"))
_cross_check(_ZH, _EN, _SCALES)


# --- 2. the grammar ------------------------------------------------------------------------------


def _chars(test: Iterable[str]) -> str:
    """A character class of the given characters (refused when empty, like `alternation`)."""
    members = sorted(set(test))
    if not members:
        raise RuleError("a character class of no characters would never match")
    return "[" + "".join(regex.escape(c) for c in members) + "]"


def _zh_class(role: str, *, scripts: tuple[str, ...] = ("han",), values: Iterable[int] | None = None,
              uses: tuple[str, ...] = ("any",)) -> str:
    allowed = None if values is None else set(values)
    return _chars(ch for ch, c in _ZH.items() if c.role == role and c.script in scripts and c.use in uses
                  and (allowed is None or c.value in allowed))


def _en_alt(words: Iterable[str]) -> str:
    """English words in any letter case, but ASCII only: the lookahead keeps case folding from taking
    `ſ` for `s` or the Kelvin sign for `k`, so a matched word is always a key of the table."""
    return rf"(?<!\p{{Latin}})(?=[A-Za-z]++(?!\p{{Latin}}))(?i:{alternation(list(words))})(?!\p{{Latin}})"


def _en_words(roles: tuple[str, ...], place: str) -> str:
    return _en_alt(w for w, e in _EN.items() if e.role in roles and e.place == place)


# Arabic numbers, shared by both languages. A comma groups thousands only when exactly three digits
# and then a non-digit follow it (80,657; but 14宗,结案 and 1,2,3 are punctuation); a space (or a thin or
# no-break one) groups them the same way after a lead of at most three digits (15 000; never 2013 500,
# a year and a count). A decimal point needs digits on both sides, and a dotted chain (1.2.3.4) is read
# as separate integers.
_DIGIT = _zh_class("digit", scripts=("ascii", "fullwidth"))
_POINTS = "．.﹒"
_POINT = _chars(_POINTS)
_GROUP_SPACES = " \u00a0\u2009\u202f"
_INT = (rf"(?:(?<!{_DIGIT}[{_GROUP_SPACES}]?){_DIGIT}{{1,3}}+(?:[{_GROUP_SPACES}]{_DIGIT}{{3}}(?!{_DIGIT}))++"
        rf"|{_DIGIT}++(?:,{_DIGIT}{{3}}(?!{_DIGIT}))*+)")
_FRACTION = rf"{_POINT}{_DIGIT}++(?!{_POINT}{_DIGIT})"
ARABIC = rf"(?:(?<!{_DIGIT}{_POINT}){_INT}(?:{_FRACTION})?|{_INT})"

# Chinese numerals. A section (< 10000) writes digits before 千 百 十 in that order, 零 marking a gap;
# 万 and 亿 seal the amount before them (三千五百万, 一亿零五万, 一万亿). A run of digits reads digit
# by digit (二〇一三), leaving its last digit to a unit that follows (五六十 -> 五, 六十); the run is
# matched digit by digit with a lookahead, so a long run before a unit is not rescanned from each
# position. 两 leads a unit or stands alone, never in the ones place.
_ZERO = _zh_class("digit", values=[0])
_D = _zh_class("digit", values=range(1, 10))
_L = _zh_class("digit", values=range(1, 10), uses=("any", "lead"))
_TEN, _HUNDRED, _THOUSAND = (_zh_class("unit", values=[v]) for v in (10, 100, 1000))
_WAN, _YI = (_zh_class("scale", values=[v]) for v in (10**4, 10**8))
ZH_APPROX = _zh_class("approx")
_SECTION = (rf"(?:{_L}?{_THOUSAND}(?:{_ZERO}?{_L}{_HUNDRED})?(?:{_ZERO}?{_D}?{_TEN})?(?:{_ZERO}?{_D})?"
            rf"|{_L}?{_HUNDRED}(?:{_ZERO}?{_D}?{_TEN})?(?:{_ZERO}?{_D})?|{_D}?{_TEN}{_D}?|{_L})")
_BELOW_YI = rf"(?:{_SECTION}(?:{_WAN}(?:{_ZERO}?{_SECTION})?)?)"
_RUN_DIGIT = _zh_class("digit")
_RUN = rf"(?:(?:{_RUN_DIGIT}(?={_RUN_DIGIT}))++(?:{_RUN_DIGIT}(?!{_zh_class('unit')}|{_zh_class('scale')}))?)"
_HAN_POINT = _zh_class("point")
_HAN_DECIMAL = rf"(?:{_SECTION}|{_ZERO}){_HAN_POINT}{_RUN_DIGIT}++(?:{_WAN}{_YI}?|{_YI})?"
"""十二点五, 零点五, 三点五亿: digits after 点, read one by one, then a scale for the whole."""
ZH_HAN = (rf"(?:{_HAN_DECIMAL}|{_RUN}|{_BELOW_YI}{ZH_APPROX}{_YI}|{_SECTION}{ZH_APPROX}{_WAN}"
          rf"|{_BELOW_YI}(?:{_YI}(?:{_ZERO}?{_BELOW_YI})?)?|{_WAN}|{_YI}|{_ZERO})")
ZH_SCALE = alternation(list(_SCALES["zh"]))
_HAN_START = _chars(ch for ch, c in _ZH.items() if c.script == "han" and c.role not in ("approx", "point"))
# A whole number may go on below its scale in the next place down, as news and statistics write it: 5万3345
# (53,345, at most four digits after 万, never a year: 8万2013年 is two figures), 3亿5千万 and 1亿2000万 (a
# number of 万 after 亿). Only after a whole number and a plain 万 or 亿: 1.5万30 and 290多万3000 stay apart.
_WAN_CHARS, _YI_CHARS = (_chars(w for w, m in _SCALES["zh"].items() if m == v and len(w) == 1) for v in (10**4, 10**8))
_BELOW_UNIT = _zh_class("unit", values=(100, 1000))
"""5万3千 (53,000), 2万5百: the digit below 万 may take its place as a character."""
_WAN_SCALES = alternation([w for w, m in _SCALES["zh"].items() if m < 10**8])
_BELOW_SCALE = (rf"(?<!{_POINT}{_DIGIT}{{1,40}}+(?:{_WAN_CHARS}|{_YI_CHARS}))"
                rf"(?:(?<={_DIGIT}{_WAN_CHARS}){_DIGIT}{{1,4}}+{_BELOW_UNIT}?"
                rf"(?!{_DIGIT}|{_POINT}{_DIGIT}|,{_DIGIT}|[年月日号]|{_zh_class('unit')}|{_zh_class('scale')})"
                rf"|(?<={_DIGIT}{_YI_CHARS}){_DIGIT}{{1,4}}+{_WAN_SCALES}(?!{_YI_CHARS}))")
ZH_NUMBER = (rf"(?:(?={_DIGIT})(?P<n_arabic>{ARABIC})(?:[ \u00a0\u3000]?(?P<n_approx>{ZH_APPROX})?"
             rf"(?P<n_scale>{ZH_SCALE})(?P<n_below>{_BELOW_SCALE})?)?|(?={_HAN_START})(?P<n_han>{ZH_HAN}))")

# English. Words join with a space (a hyphen between tens and ones); `and` may follow hundred or a
# scale. An ordinal word may only end a number (twenty-first, one hundred and fifth, two thousandth).
_SP = r"(?:[ \t\u00a0]{1,3}+|[ \t\u00a0]{0,3}+\r?\n[ \t\u00a0]{0,3}+)"
_AND = rf"(?:{_SP}(?:and|And|AND))?{_SP}"
_HYPHEN = rf"(?:-|{_SP})"
_ONE, _TEEN, _TENS = (_en_words(("cardinal",), p) for p in ("one", "teen", "ten"))
_ONE_F, _TEEN_F = (_en_words(("cardinal", "ordinal"), p) for p in ("one", "teen"))
_TENS_O = _en_words(("ordinal",), "ten")
_HUNDRED_C, _HUNDRED_O = _en_words(("cardinal",), "hundred"), _en_words(("ordinal",), "hundred")
EN_SCALE = _en_words(("scale",), "scale")
_SCALE_F = _en_words(("scale", "ordinal"), "scale")
_U100 = rf"(?:{_TENS}(?:{_HYPHEN}{_ONE})?|{_TEEN}|{_ONE})"
_U100_F = rf"(?:{_TENS}(?:{_HYPHEN}{_ONE_F})?|{_TENS_O}|{_TEEN_F}|{_ONE_F})"
_U1000 = rf"(?:(?:{_U100}{_SP})?{_HUNDRED_C}(?:{_AND}{_U100})?|{_U100})"
_U1000_F = rf"(?:(?:{_U100}{_SP})?(?:{_HUNDRED_C}(?:{_AND}{_U100_F})?|{_HUNDRED_O})|{_U100_F})"
_GROUP = rf"(?:(?:{_U1000}{_SP})?{EN_SCALE})"
EN_WORDS = rf"(?:(?:{_GROUP}{_AND})*(?:(?:{_U1000}{_SP})?{_SCALE_F}|{_U1000_F}))"
EN_ORDINAL = rf"(?<!{_POINT}{_DIGIT}++)(?:st|nd|rd|th|ST|ND|RD|TH)(?!\p{{Latin}})"
# Cheap guards first: the number grammar is tried only where a number word starts.
_WORD_START = rf"(?={_chars(c for w in _EN for c in (w[0], w[0].upper()))})(?={_en_alt(_EN)})"
# After digits a scale may be led by hundred or ten, as a literal rendering of 亿 and 万 writes it: 7.8 hundred
# million, 5.2 ten thousand.
_LEAD_WORDS = frozenset(w for w, e in _EN.items() if e.role == "cardinal" and e.value in (10, 100))
_LEAD = _en_alt(_LEAD_WORDS)
EN_ABBREVIATED_SCALE = _en_alt(_SCALES["en-abbr"])
EN_NUMBER = (rf"(?:(?={_DIGIT})(?P<n_arabic>{ARABIC})"
             rf"(?:(?P<n_ordinal>{EN_ORDINAL})|(?:{_SP}|-)(?P<n_scale>(?:{_LEAD}{_SP})?{EN_SCALE})"
             rf"|[ ]?(?P<n_scale>{EN_ABBREVIATED_SCALE}))?"
             rf"|{_WORD_START}(?P<n_words>{EN_WORDS}))")

_ZH_PATTERN = patterns.compile(ZH_NUMBER)
_EN_PATTERN = patterns.compile(EN_NUMBER)
_LATIN_WORD = patterns.compile(r"[A-Za-z]+")
_EN_CANDIDATE = re.compile(rf"{_DIGIT}|(?<![A-Za-z]){prefix_tree(list(_EN))}(?![A-Za-z])", re.ASCII | re.IGNORECASE)
"""Where an English number may start: a digit, or a whole ASCII word that is a number word (stdlib `re`
scans this simple shape several times faster than `regex` scans the full grammar)."""
_ZH_GROUPS = itemgetter(*(_ZH_PATTERN.groupindex[g] - 1 for g in ("n_arabic", "n_approx", "n_scale", "n_below")))
_EN_GROUPS = itemgetter(*(_EN_PATTERN.groupindex[g] - 1 for g in ("n_arabic", "n_ordinal", "n_scale", "n_words")))
_new = tuple.__new__  # NumberToken(...) without the keyword handling: the scanners make one per number
_TO_ASCII = str.maketrans(
    {ch: str(c.value) for ch, c in _ZH.items() if c.script == "fullwidth"} | {p: "." for p in _POINTS} | {",": ""}
    | {space: "" for space in _GROUP_SPACES}
)
_RUN_CHARS = frozenset(ch for ch, c in _ZH.items() if c.role == "digit" and c.script == "han" and c.use == "any")
_POINT_CHARS = frozenset(ch for ch, c in _ZH.items() if c.role == "point")
_HAN_DIGITS = str.maketrans({ch: str(_ZH[ch].value) for ch in _RUN_CHARS})
_MARK_CHARS = "".join(ch for ch, c in _ZH.items() if c.role == "approx")
_SCALE_AND_MARK_CHARS = _MARK_CHARS + "".join(ch for ch, c in _ZH.items() if c.role == "scale")
_ZH_MULTIPLIERS = {w: Decimal(m) for w, m in _SCALES["zh"].items()}
_BELOW_SCALE_CHARS = "".join(sorted(set("".join(_SCALES["zh"])) | {ch for ch, c in _ZH.items() if c.role == "unit"}))
_EN_MULTIPLIERS = {w: Decimal(m) for w, m in (_SCALES["en"] | _SCALES["en-abbr"]).items()}

# Exact arithmetic: enough precision for any product of finite inputs, and a trap if one ever rounds.
_EXACT = decimal.Context(prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN,
                         traps=[decimal.Inexact, decimal.Overflow, decimal.InvalidOperation])


# --- 3. resolving a span to its value ------------------------------------------------------------


def _whole(pattern: regex.Pattern[str], group: str, s: str) -> bool:
    """Whether all of `s` is one token of the kind `group` captures (the scanners' grammar, reused)."""
    m = pattern.fullmatch(s)
    return m is not None and m.group(group) == s


def parse_arabic(s: str) -> Decimal:
    """The exact value of Arabic digits, half- or full-width, with thousands commas and a decimal point.

    >>> parse_arabic("80,657"), parse_arabic("９.４５"), parse_arabic("23﹒7"), parse_arabic("1,120")
    (Decimal('80657'), Decimal('9.45'), Decimal('23.7'), Decimal('1120'))
    >>> parse_arabic("1,2")
    Traceback (most recent call last):
    ValueError: not an Arabic number: '1,2'
    """
    if not _whole(_ZH_PATTERN, "n_arabic", s):
        raise ValueError(f"not an Arabic number: {s!r}")
    return _arabic_value(s)


def _arabic_value(s: str) -> Decimal:
    return Decimal(s.translate(_TO_ASCII))


def parse_zh_numeral(s: str) -> Decimal:
    """The value of one well-formed Chinese numeral (Chinese characters only; a 多 before the scale
    bounds the figure and is left out of the value: 二十多万 -> 200000).

    Units multiply the digit before them, 万 and 亿 everything before them; a digit right after a unit
    is that unit's next place down (三千五 = 3500, 一万五 = 15000) unless 零 stands between.

    >>> [int(parse_zh_numeral(s)) for s in ("十二", "两", "二〇一三", "三千五百万", "一百零五", "一亿零五万")]
    [12, 2, 2013, 35000000, 105, 100050000]
    >>> parse_zh_numeral("十十")
    Traceback (most recent call last):
    ValueError: not one Chinese numeral: '十十'
    """
    if not _whole(_ZH_PATTERN, "n_han", s):
        raise ValueError(f"not one Chinese numeral: {s!r}")
    return _han_value(s)


def _han_value(s: str) -> Decimal:
    """Digit by digit for a run of digits (二〇一三), else by place value (see `parse_zh_numeral`); after 点 the
    digits of the fraction one by one, and a scale after them multiplies the whole (三点五亿)."""
    if is_digit_run(s):
        return Decimal(s.translate(_HAN_DIGITS))
    if _POINT_CHARS.intersection(s):
        whole, _, rest = s.partition(next(ch for ch in s if ch in _POINT_CHARS))
        digits = "".join(ch for ch in rest if _ZH[ch].role == "digit")
        scale = 1
        for ch in rest[len(digits):]:
            scale *= _ZH[ch].value
        fraction = Decimal(f"0.{digits.translate(_HAN_DIGITS)}")
        return _EXACT.multiply(_han_value(whole) + fraction, Decimal(scale))
    sealed: list[tuple[int, int]] = []  # (amount, scale) closed by 万 or 亿, highest first
    section, digit = 0, 0  # the amount since the last scale, and a digit waiting for its unit
    previous, after = 0, 0  # the unit or scale just read (0 after 零), and the one just before `digit`
    for c in (_ZH[ch] for ch in s if _ZH[ch].role != "approx"):
        if c.role == "digit":
            digit, after, previous = c.value, previous, 0
        elif c.role == "unit":
            section += (digit or 1) * c.value
            digit, previous = 0, c.value
        else:
            amount = section + digit
            while sealed and sealed[-1][1] < c.value:
                amount += sealed.pop()[0]
            sealed.append(((amount or 1) * c.value, c.value))
            section, digit, previous = 0, 0, c.value
    section += digit * (after // 10 if after else 1)
    return Decimal(sum(a for a, _ in sealed) + section)


def _en_value(words: Sequence[str]) -> int:
    """Compose English number words: hundred multiplies its group, a scale seals everything before it."""
    sealed: list[tuple[int, int]] = []
    section = 0
    for w in words:
        e = _EN[w]
        if e.place == "hundred":
            section = (section or 1) * 100
        elif e.place == "scale":
            amount = section
            while sealed and sealed[-1][1] < e.value:
                amount += sealed.pop()[0]
            sealed.append(((amount or 1) * e.value, e.value))
            section = 0
        else:
            section += e.value
    return sum(a for a, _ in sealed) + section


def _number_words(s: str) -> list[str]:
    return [w.lower() for w in _LATIN_WORD.findall(s) if w.lower() != "and"]


def parse_en_words(s: str) -> Decimal:
    """The value of one English number in words; an ordinal word gives the number it ranks.

    >>> [int(parse_en_words(s)) for s in ("twenty-five", "one hundred and five", "Ten", "fifth", "ten thousand")]
    [25, 105, 10, 5, 10000]
    """
    if not _whole(_EN_PATTERN, "n_words", s):
        raise ValueError(f"not one English number in words: {s!r}")
    return Decimal(_en_value(_number_words(s)))


def scale_of(word: str) -> Decimal:
    """The multiplier of a scale word as a token writes it (万, 万亿, Million, hundred million), to rescale a figure.

    >>> scale_of("万"), scale_of("Million"), scale_of("hundred million")
    (Decimal('10000'), Decimal('1000000'), Decimal('100000000'))
    """
    multiplier = _ZH_MULTIPLIERS.get(word) or _EN_MULTIPLIERS.get(word.lower())
    if multiplier is None:
        *lead, scale = word.lower().split()
        multiplier = _EN_MULTIPLIERS.get(scale)
        if multiplier is None or len(lead) != 1 or lead[0] not in _LEAD_WORDS:
            raise KeyError(f"not a scale word of rules/scales.tsv: {word!r}")
        multiplier = _EXACT.multiply(multiplier, Decimal(_EN[lead[0]].value))
    return multiplier


def zh_digit(char: str) -> int | None:
    """The value of one Chinese digit character (三 3, 两 2, 〇 0); None for a place or scale (十, 万) or anything else."""
    entry = _ZH.get(char)
    return entry.value if entry is not None and entry.role == "digit" else None


def is_digit_run(written: str) -> bool:
    """Whether a Chinese numeral is two or more digits written one by one (二〇一三, 三五, 五四), no place value."""
    return len(written) > 1 and _RUN_CHARS.issuperset(written)


def takes_article(word: str) -> bool:
    """Whether a word is one round amount alone (hundred, thousand, million, 万), so that "a" before it is one
    of it: a hundred years, a million people."""
    entry = _EN.get(word.lower())
    return is_scale_word(word) or entry is not None and entry.role == "cardinal" and entry.value == 100


def is_scale_word(word: str) -> bool:
    """Whether a word is one scale word of rules/scales.tsv alone (万, million), not a number with one."""
    return word in _ZH_MULTIPLIERS or word.lower() in _EN_MULTIPLIERS


def below_scale_place(written: str, rounded: bool = False) -> Decimal | None:
    """The place of the last digit of the first number in `written` when that number goes on below its scale
    (5万3345: 1; 5万3千: 1000; 3亿5000万: 10000, or 10^7 when `rounded` reads trailing zeros as rounding); None when
    it does not (629.06万, 80,657), whose last digit the mantissa before the scale tells."""
    m = _ZH_PATTERN.search(written)
    below = m.group("n_below") if m else None
    if below is None:
        return None
    digits, _, place = _below_parts(below)
    if rounded:
        place = place.scaleb(len(digits) - len(digits.rstrip("0０")))
    return place


def rounded(value: Decimal, places: int = 4) -> Decimal:
    """`value` rounded half-even to `places` decimals, however many digits it has (10^40 / 4 to four places needs
    45 digits, past the 28 of Python's default context)."""
    context = decimal.Context(prec=max(28, value.adjusted() + places + 2))
    return value.quantize(Decimal(1).scaleb(-places), context=context)


def share_of(part: Decimal, whole: Decimal, places: int = 4) -> Decimal:
    """part / whole to `places` decimals (三分之一 = 0.3333), exact before rounding however large part is."""
    context = decimal.Context(prec=max(28, part.adjusted() - whole.adjusted() + places + 4))
    return rounded(context.divide(part, whole), places)


def to_json_number(value: Decimal) -> int | float:
    """An int when the value is integral (so 629.06万 writes 6290600, never 6290599.999999999), else a float.

    >>> to_json_number(Decimal("6290600.00")), to_json_number(Decimal("9.45"))
    (6290600, 9.45)
    >>> to_json_number(Decimal("1E+40")) == 10**40
    True
    """
    if not value.is_finite():
        raise ValueError(f"not a finite number: {value}")
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# --- 4. scanning ---------------------------------------------------------------------------------


def _below_parts(below: str) -> tuple[str, str, Decimal]:
    """The part of a number below its scale (3345, 3千, 5000万): its digits, the place or scale word after them,
    and the place value of its last digit (1, 1000, 10000)."""
    digits = below.rstrip(_BELOW_SCALE_CHARS)
    tail = below[len(digits):]
    return digits, tail, (_ZH_MULTIPLIERS.get(tail) or Decimal(_ZH[tail].value)) if tail else Decimal(1)


def _zh_token(m: regex.Match[str]) -> NumberToken:
    start, end = m.span()
    number, mark, scale, below = _ZH_GROUPS(m.groups())
    if number is None:
        return _han_token(m.group(), start, end)
    if scale is None:
        return _new(NumberToken, (start, end, _arabic_value(number), "arabic", None, None))
    value = _EXACT.multiply(_arabic_value(number), _ZH_MULTIPLIERS[scale])
    if below is not None:  # 5万3345, 3亿5000万: the scale is the one that ends the number, as for 三千五百万
        digits, tail, place = _below_parts(below)
        value += _EXACT.multiply(_arabic_value(digits), place)
        scale = tail if tail in _ZH_MULTIPLIERS else None
        return _new(NumberToken, (start, end, value, "mixed", scale, None))
    return _new(NumberToken, (start, end, value, "mixed", scale, _ZH[mark].bound if mark else None))


def _han_token(text: str, start: int, end: int) -> NumberToken:
    """A Chinese numeral; its scale is the 万/亿 run that ends it, when a coefficient comes before."""
    coefficient = text.rstrip(_SCALE_AND_MARK_CHARS)
    tail = text[len(coefficient):]
    bare = tail.lstrip(_MARK_CHARS)
    scale = bare if coefficient and bare in _ZH_MULTIPLIERS else None
    mark = _ZH[tail[0]].bound if tail and len(bare) < len(tail) else None
    return _new(NumberToken, (start, end, _han_value(text), "zh", scale, mark))


def _en_token(m: regex.Match[str]) -> NumberToken:
    start, end = m.span()
    number, ordinal, scale, words = _EN_GROUPS(m.groups())
    if number is None:
        names = _number_words(words)
        last = _EN[names[-1]]
        scale = words[-len(names[-1]):] if last.role == "scale" and len(names) > 1 else None
        form = "ordinal" if last.role == "ordinal" else "word"
        return _new(NumberToken, (start, end, Decimal(_en_value(names)), form, scale, None))
    if scale is None:
        return _new(NumberToken, (start, end, _arabic_value(number), "ordinal" if ordinal else "arabic", None, None))
    value = _EXACT.multiply(_arabic_value(number), scale_of(scale))
    return _new(NumberToken, (start, end, value, "mixed", scale, None))


def _window(text: str, start: int, end: int | None) -> tuple[int, int]:
    """Clamp the window to the text: `regex` would read a negative bound from the end, like a slice."""
    start = min(max(start, 0), len(text))
    return start, len(text) if end is None else min(max(end, start), len(text))


def scan_zh(text: str, start: int = 0, end: int | None = None) -> Iterator[NumberToken]:
    """Every number in Chinese text, in order: Arabic (80,657), mixed (8万, 290多万), Chinese (三千五百万).

    Offsets index `text` itself; `start`/`end` bound the search and should fall between tokens (a
    sentence or a section), as a number cut by the window is read as what lies inside it.
    """
    for m in _ZH_PATTERN.finditer(text, *_window(text, start, end)):
        yield _zh_token(m)


def scan_en(text: str, start: int = 0, end: int | None = None) -> Iterator[NumberToken]:
    """Every number in English text, in order: digits (6,290,600), mixed (1.2 billion), words (ten
    thousand), ordinals (15th, fifth). Offsets and window as for `scan_zh`.

    The same tokens as `EN_NUMBER.finditer`, found faster: a number can only start a run of digits or
    an ASCII word that is a number word, so the full grammar is tried only at those few places.
    """
    start, end = _window(text, start, end)
    reached = start
    for candidate in _EN_CANDIDATE.finditer(text, start, end):
        at = candidate.start()
        if at < reached:
            continue
        m = _EN_PATTERN.match(text, at, end)
        if m is not None:
            reached = m.end()
            yield _en_token(m)
