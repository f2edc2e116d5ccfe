"""Tests for extractor.numbers: the number grammar of both languages.

Tables of cases in tests/cases/numbers_{zh,en}.tsv (one row per case, named by where it came from),
doctests on the small functions, the rules' integrity, and hypothesis round-trips: render a number in a
written form, scan it back, get the same exact value.
"""

from __future__ import annotations

import doctest
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import numbers
from extractor.errors import RuleError
from extractor.numbers import (
    EN_NUMBER, ZH_NUMBER, NumberToken, parse_arabic, parse_en_words, parse_zh_numeral, scale_of, scan_en,
    below_scale_place, scan_zh, share_of, to_json_number,
)
from extractor.rules import Row, prefix_tree, table

CASES = Path(__file__).parent / "cases"
FORMS = {"a": "arabic", "z": "zh", "m": "mixed", "w": "word", "o": "ordinal"}
Scanner = Callable[..., Iterator[NumberToken]]


# --- the case tables -----------------------------------------------------------------------------


def _cases(name: str) -> list[Any]:
    """Rows of a case table as pytest params named by source and line; `gap` rows are known gaps,
    strict xfails, so that closing one shows up."""
    rows, header = [], None
    for number, line in enumerate((CASES / name).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        assert len(cells) == len(header), f"{name}:{number}: {len(cells)} cells, the header names {len(header)}"
        case = dict(zip(header, cells))
        gap = [pytest.mark.xfail(strict=True, reason="known gap")] if case["source"] == "gap" else []
        rows.append(pytest.param(case["text"], case["tokens"], case["forms"], id=f"{case['source']}:{number}",
                                 marks=gap))
    return rows


EXPECTED = regex.compile(r"(?P<text>.+?)=(?P<value>[0-9.]+)(?:/(?P<scale>[^/]*))?(?:/(?P<approx>.+))?")


def _expected(tokens: str) -> list[tuple[str, Decimal, str | None, str | None]]:
    """A table's tokens cell, text=value[/scale][/approx] with " | " between, as tuples."""
    out = []
    for written in ([] if tokens == "-" else tokens.split(" | ")):
        m = EXPECTED.fullmatch(written)
        assert m, f"malformed expected token {written!r}"
        out.append((m["text"], Decimal(m["value"]), m["scale"] or None, m["approx"]))
    return out


def _check(scan: Scanner, text: str, tokens: str, forms: str) -> None:
    found = list(scan(text))
    assert [(text[t.start:t.end], t.value, t.scale, t.approx) for t in found] == _expected(tokens)
    assert [t.form for t in found] == [FORMS[f] for f in forms.split()]


@pytest.mark.parametrize(("text", "tokens", "forms"), _cases("numbers_zh.tsv"))
def test_zh_cases(text: str, tokens: str, forms: str) -> None:
    _check(scan_zh, text, tokens, forms)


@pytest.mark.parametrize(("text", "tokens", "forms"), _cases("numbers_en.tsv"))
def test_en_cases(text: str, tokens: str, forms: str) -> None:
    _check(scan_en, text, tokens, forms)


def test_doctests() -> None:
    result = doctest.testmod(numbers, optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0


# --- exactness and the small functions ----------------------------------------------------------


def test_scale_is_exact() -> None:
    """float("629.06") * 10000 is 6290599.999999999; the token must be 6290600 exactly, an int in JSON."""
    (token,) = scan_zh("罚款629.06万元")
    assert token.value == Decimal(6290600) and token.value == Decimal("629.06") * 10000
    assert to_json_number(token.value) == 6290600 and type(to_json_number(token.value)) is int


def test_huge_values_stay_exact() -> None:
    (token,) = scan_zh("7" * 5000 + ".5万")
    assert token.value == Decimal("7" * 5000 + "5000")
    (token,) = scan_en("1" + "0" * 40)
    assert to_json_number(token.value) == 10**40


@pytest.mark.parametrize(("value", "expected"), [
    (Decimal("6290600.00"), 6290600), (Decimal("9.45"), 9.45), (Decimal("1E+40"), 10**40), (Decimal("0"), 0),
    (Decimal("1.2E+12"), 1_200_000_000_000), (Decimal("0.94"), 0.94),
])
def test_to_json_number(value: Decimal, expected: int | float) -> None:
    result = to_json_number(value)
    assert result == expected and type(result) is type(expected)


def test_scale_of() -> None:
    """Every scale a token can carry has its multiplier, so claims.py can rescale a figure."""
    assert scale_of("万亿") == 10**12 and scale_of("亿") == 10**8 and scale_of("BILLION") == 10**9
    coefficients = [Decimal(8), Decimal("1.2"), Decimal(10), Decimal(20), Decimal("2.9"), Decimal(10)]
    tokens = [*scan_zh("8万 1.2万亿 十万 二十多亿"), *scan_en("2.9 million ten thousand")]
    assert [t.value for t in tokens] == [c * scale_of(t.scale or "") for c, t in zip(coefficients, tokens)]
    with pytest.raises(KeyError):
        scale_of("千")


def test_to_json_number_refuses_nan() -> None:
    with pytest.raises(ValueError):
        to_json_number(Decimal("NaN"))


@pytest.mark.parametrize("text", ["", "1,2", "1e5", "NaN", "1_000", " 12", "12 ", "-5", "8万", "一", "1.2.3", "٣"])
def test_parse_arabic_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_arabic(text)


@pytest.mark.parametrize("text", ["", "十十", "一一一十", "12", "二十两", "万一", "多"])
def test_parse_zh_numeral_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_zh_numeral(text)


@pytest.mark.parametrize("text", ["", "and", "often", "first hundred", "twenty-", "five and", "fifth one"])
def test_parse_en_words_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_en_words(text)


def test_scan_window() -> None:
    """Offsets point into the whole text; the window only limits where tokens may lie."""
    text = "受理14宗,结案80,657宗"
    assert [(t.start, t.end) for t in scan_zh(text, 5)] == [(8, 14)]
    assert [text[t.start:t.end] for t in scan_zh(text, 0, 10)] == ["14", "80"]
    assert [t.start for t in scan_zh(text, -3)] == [2, 8] and list(scan_en("ten", 2, 1)) == []


def test_patterns_compose() -> None:
    """claims.py builds on the exported sources: a unit after a number, and a range of two numbers."""
    unit = regex.compile(rf"{ZH_NUMBER}(?P<unit>件|宗)")
    assert unit.search("达80,657件").group("unit") == "件"
    span = regex.compile(rf"{ZH_NUMBER}-{ZH_NUMBER}")
    assert span.search("(2012.5-2013.4)").group() == "2012.5-2013.4"
    words = regex.compile(rf"{EN_NUMBER} cases")
    assert words.search("closed 8174 cases").group() == "8174 cases"


# --- the rules tables ---------------------------------------------------------------------------


def test_zh_digit_rows_agree_with_unicode() -> None:
    """JioNLP mapped full-width "１" to 0 and no test noticed: every digit row is checked against Unicode."""
    rows = [r.cells for r in table("zh_numerals.tsv")]
    assert {r["char"] for r in rows} >= set("0123456789０１２３４５６７８９〇零一二三四五六七八九十百千万亿两")
    for r in rows:
        if r["script"] in ("ascii", "fullwidth"):
            assert unicodedata.digit(r["char"]) == int(r["value"]), r
        elif r["role"] not in ("approx", "point") and unicodedata.numeric(r["char"], None) is not None:
            assert unicodedata.numeric(r["char"]) == int(r["value"]), r
        elif r["role"] not in ("approx", "point"):
            assert r["char"] == "两", f"{r['char']} has no Unicode numeric value to check against"


def test_zh_scale_words_are_products_of_their_characters() -> None:
    value = {r.cells["char"]: int(r.cells["value"]) for r in table("zh_numerals.tsv") if r.cells["role"] not in ("approx", "point")}
    for r in table("scales.tsv"):
        if r.cells["lang"] == "zh":
            product = 1
            for ch in r.cells["word"]:
                product *= value[ch]
            assert product == int(r.cells["multiplier"]), r


def test_en_ordinals_have_their_cardinal() -> None:
    rows = [r.cells for r in table("en_numbers.tsv")]
    cardinals = {(r["value"], r["place"]) for r in rows if r["role"] != "ordinal"}
    for r in rows:
        if r["role"] == "ordinal":
            assert (r["value"], r["place"]) in cardinals, r


ZH_ROW = {"char": "一", "value": "1", "role": "digit", "script": "han", "use": "any"}
EN_ROW = {"word": "twelve", "value": "12", "role": "cardinal", "place": "teen"}
BAD_ROWS = [
    ("zh_numerals.tsv", ZH_ROW | {"char": "１", "value": "0", "script": "fullwidth"}),  # JioNLP's bug
    ("zh_numerals.tsv", ZH_ROW | {"char": "十", "value": "12", "role": "unit"}),
    ("zh_numerals.tsv", ZH_ROW | {"char": "两个", "use": "lead"}),
    ("zh_numerals.tsv", ZH_ROW | {"char": "多", "value": "more", "role": "approx"}),
    ("zh_numerals.tsv", ZH_ROW | {"value": "one"}),
    ("en_numbers.tsv", EN_ROW | {"value": "21"}),
    ("en_numbers.tsv", EN_ROW | {"word": "Twelve"}),
    ("en_numbers.tsv", EN_ROW | {"word": "thousand", "value": "1000", "place": "scale"}),
    ("scales.tsv", {"word": "万", "lang": "zh", "multiplier": "10001"}),
    ("scales.tsv", {"word": "lakh", "lang": "hi", "multiplier": "100000"}),
]
CHECKS = {"zh_numerals.tsv": numbers._check_zh_numerals, "en_numbers.tsv": numbers._check_en_numbers,
          "scales.tsv": numbers._check_scales}


@pytest.mark.parametrize(("name", "cells"), BAD_ROWS)
def test_a_bad_row_fails_with_its_file_and_line(name: str, cells: dict[str, str]) -> None:
    good = Row(ZH_ROW if name == "zh_numerals.tsv" else EN_ROW if name == "en_numbers.tsv" else
               {"word": "亿", "lang": "zh", "multiplier": "100000000"}, 6)
    CHECKS[name]([good])
    with pytest.raises(RuleError, match=rf"^rules/{regex.escape(name)}:7: "):
        CHECKS[name]([good, Row(cells, 7)])


# --- hypothesis: render a number in a written form, scan it back --------------------------------

FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def _one(scan: Scanner, text: str) -> NumberToken:
    tokens = list(scan(text))
    assert len(tokens) == 1 and (tokens[0].start, tokens[0].end) == (0, len(text)), (text, tokens)
    return tokens[0]


@st.composite
def arabic(draw: st.DrawFn) -> tuple[str, Decimal]:
    """A non-negative number written with or without thousands commas or group spaces (15 000, with a thin or
    no-break space too), full-width digits, any point."""
    value = draw(st.decimals(min_value=0, max_value=10**15, places=draw(st.integers(0, 4)), allow_nan=False))
    whole, _, fraction = format(value, "f").partition(".")
    grouping = draw(st.sampled_from(["", ",", " ", "\u00a0", "\u2009", "\u202f"]))
    text = format(int(whole), ",").replace(",", grouping) if grouping else whole
    if fraction:
        text += draw(st.sampled_from([".", "．", "﹒"])) + fraction
    text = "".join(c.translate(FULL_WIDTH) if draw(st.booleans()) else c for c in text)
    return text, value


@given(arabic())
def test_arabic_round_trip(case: tuple[str, Decimal]) -> None:
    text, value = case
    for scan in (scan_zh, scan_en):
        token = _one(scan, text)
        assert token.value == value and token.form == "arabic"
    assert parse_arabic(text) == value


ZH_DIGITS = "零一二三四五六七八九"


def zh_section(n: int, first: bool) -> str:
    """1..9999 in standard Chinese: 零 once for each gap, 十 not 一十 at the very start."""
    out, gap, started = "", False, False
    for digit, unit in zip((n // 1000, n // 100 % 10, n // 10 % 10, n % 10), ("千", "百", "十", "")):
        if digit == 0:
            gap = gap or started
            continue
        out += ("零" if gap else "") + ZH_DIGITS[digit] + unit
        gap, started = False, True
    return out[1:] if first and out.startswith("一十") else out


def zh_numeral(n: int, first: bool = True) -> str:
    """Any integer below 10^16 in standard Chinese (一万零五, 一亿零五万, 一万亿)."""
    if n == 0:
        return "零"
    for scale, char in ((10**8, "亿"), (10**4, "万")):
        if n >= scale:
            high, low = divmod(n, scale)
            tail = "" if low == 0 else ("零" if low < scale // 10 else "") + zh_numeral(low, first=False)
            return zh_numeral(high, first) + char + tail
    return zh_section(n, first)


def test_zh_renderer() -> None:
    assert [zh_numeral(n) for n in (10, 12, 105, 1010, 10005, 100010, 100050000, 35_000_000, 10**12)] == [
        "十", "十二", "一百零五", "一千零一十", "一万零五", "十万零一十", "一亿零五万", "三千五百万", "一万亿"]


@given(st.integers(0, 9999), st.text(alphabet=ZH_DIGITS, min_size=1, max_size=4), st.sampled_from(["", "万", "亿"]))
def test_zh_decimal_numeral_round_trip(whole: int, fraction: str, scale: str) -> None:
    """十二点五, 零点零五, 三点五亿: the digits after 点 one by one, a scale multiplying the whole."""
    text = zh_numeral(whole) + "点" + fraction + scale
    digits = "".join(str(ZH_DIGITS.index(ch)) for ch in fraction)
    expected = Decimal(f"{whole}.{digits}") * {"": 1, "万": 10**4, "亿": 10**8}[scale]
    assert _one(scan_zh, text).value == expected
    assert parse_zh_numeral(text) == expected


@given(st.integers(0, 10**12), st.booleans())
def test_zh_numeral_round_trip(n: int, liang: bool) -> None:
    text = zh_numeral(n)
    if liang:  # 两 for 2 leading a number or a section, before 千 百 万 亿 (两千, 一万两千, 两亿)
        text = regex.sub(r"(?:^|(?<=[万亿]))二(?=[千百万亿])", "两", text)
    assert _one(scan_zh, text).value == n
    assert parse_zh_numeral(text) == n


@given(st.lists(st.integers(0, 9), min_size=2, max_size=12))
def test_zh_digit_by_digit_round_trip(digits: list[int]) -> None:
    text = "".join("〇一二三四五六七八九"[d] for d in digits)
    assert _one(scan_zh, text).value == int("".join(map(str, digits)))


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False), st.sampled_from(["万", "亿", "万亿"]),
       st.sampled_from(["", "多", "余"]))
def test_zh_mixed_round_trip(number: Decimal, scale: str, mark: str) -> None:
    written = format(number, "f")
    if mark and "." in written:
        written = written.partition(".")[0]
        number = Decimal(written)
    token = _one(scan_zh, f"{written}{mark}{scale}")
    assert token.value == number * {"万": 10**4, "亿": 10**8, "万亿": 10**12}[scale]
    assert (token.form, token.scale, token.approx) == ("mixed", scale, ">" if mark else None)


@given(st.integers(1, 10**6), st.integers(1, 9999), st.booleans(), st.sampled_from(["", "千", "百"]))
def test_zh_digits_below_a_scale_round_trip(high: int, low: int, yi: bool, place: str) -> None:
    """5万3345, 5万3千 and 3亿2000万: a whole number goes on in the next place down (written as news and statistics do)."""
    if place and not yi:
        low = low % 10 or 1
    written = f"{high}亿{low}万" if yi else f"{high}万{low}{place}"
    token = _one(scan_zh, written)
    below = low * {"": 1, "千": 1000, "百": 100}[place]
    assert token.value == (high * 10**8 + low * 10**4 if yi else high * 10**4 + below), written
    assert (token.form, token.scale) == ("mixed", "万" if yi else None)  # the scale that ends it, as 三千五百万's


@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
       st.sampled_from(["thousand", "million", "billion", "Million"]), st.sampled_from(["", "ten ", "hundred ", "Hundred "]))
def test_en_digits_and_scale_round_trip(number: Decimal, scale: str, lead: str) -> None:
    """7.8 million; and 7.8 hundred million, 5.2 ten thousand: 亿 and 万 rendered word for word."""
    token = _one(scan_en, f"{format(number, 'f')} {lead}{scale}")
    factor = {"": 1, "ten": 10, "hundred": 100}[lead.strip().lower()]
    assert token.value == number * factor * {"thousand": 10**3, "million": 10**6, "billion": 10**9}[scale.lower()]
    assert (token.form, token.scale) == ("mixed", lead + scale)


ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen").split()
TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def en_below_1000(n: int, hyphen: str, say_and: bool) -> str:
    hundreds, rest = divmod(n, 100)
    parts = [ONES[hundreds], "hundred"] if hundreds else []
    if rest:
        parts += ["and"] if hundreds and say_and else []
        parts.append(ONES[rest] if rest < 20 else TENS[rest // 10] + (hyphen + ONES[rest % 10] if rest % 10 else ""))
    return " ".join(parts)


def en_words(n: int, hyphen: str = "-", say_and: bool = True) -> str:
    """Any integer below 10^12 in English words (one hundred and five, ten thousand, two million)."""
    if n == 0:
        return "zero"
    parts = []
    for scale, word in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        group, n = divmod(n, scale)
        if group:
            if word == "" and parts and group < 100 and say_and:
                parts.append("and")
            parts.append((en_below_1000(group, hyphen, say_and) + " " + word).strip())
    return " ".join(parts)


def test_en_renderer() -> None:
    assert [en_words(n) for n in (25, 105, 10_000, 2_000_000, 1_000_005)] == [
        "twenty-five", "one hundred and five", "ten thousand", "two million", "one million and five"]


def _ordinal(words: str) -> str:
    """The ordinal of a number in words: its last word made ordinal (twenty-one -> twenty-first)."""
    head, last = regex.match(r"(.*?)([a-z]+)$", words).groups()
    cardinal = {r.cells["word"]: (r.cells["value"], r.cells["place"]) for r in table("en_numbers.tsv")
                if r.cells["role"] != "ordinal"}[last]
    ordinal = next(r.cells["word"] for r in table("en_numbers.tsv")
                   if r.cells["role"] == "ordinal" and (r.cells["value"], r.cells["place"]) == cardinal)
    return head + ordinal


@given(st.integers(0, 10**9), st.sampled_from(["-", " "]), st.booleans(),
       st.sampled_from([str.lower, str.capitalize, str.upper]), st.booleans())
def test_en_words_round_trip(n: int, hyphen: str, say_and: bool, case: Callable[[str], str], ordinal: bool) -> None:
    text = en_words(n, hyphen, say_and)
    if ordinal:
        text = _ordinal(text)
    text = case(text)
    token = _one(scan_en, text)
    assert token.value == n and token.form == ("ordinal" if ordinal else "word")
    assert parse_en_words(text) == n


# --- hypothesis: scanning any text never raises, and tokens are well-formed ----------------------

INTERESTING = list("0123456789０１２３４５６７８９.,．﹒-/ 一二三四五六七八九十百千万亿两零〇多余几第年件壹拾萬")
INTERESTING += ["ten", "one", "hundred", "and", "thousand", "million", "first", "th", "st", "Ten", "ſt", "K"]
TEXT = st.lists(st.sampled_from(INTERESTING) | st.sampled_from([" ", "-"]) | st.characters(), max_size=40).map("".join)
TEXT = TEXT | st.text()


ENGLISH = st.lists(st.sampled_from(sorted(numbers._EN)) | st.sampled_from(
    ["1", "0", "９", ",", ".", "-", " ", "  ", "\n", "and", "st", "th", "rd", "s", "x", "é", "ſ", "\u212a", "Ten",
     "TWENTY", "Million", "1,000", "2.5", "twentyfive"]), max_size=30).map("".join)


@settings(max_examples=600)
@given(ENGLISH | TEXT, st.integers(-5, 70), st.integers(-5, 70) | st.none())
def test_en_scanner_finds_what_the_whole_grammar_finds(text: str, start: int, end: int | None) -> None:
    """`scan_en` tries the grammar only where a number can start; a full `finditer` scan is its definition."""
    window = numbers._window(text, start, end)
    expected = [m.span() for m in regex.compile(EN_NUMBER).finditer(text, *window)]
    assert [(t.start, t.end) for t in scan_en(text, start, end)] == expected


@pytest.mark.parametrize("words", [["ten", "tenth", "third", "a", "tens"], ["million", "mil"], ["one"]])
def test_prefix_tree_matches_exactly_its_words(words: list[str]) -> None:
    tree = regex.compile(prefix_tree(words))
    probes = {w[:k] for w in words for k in range(len(w) + 2)} | {w + "x" for w in words}
    assert {p for p in probes if tree.fullmatch(p)} == set(words)


def test_prefix_tree_refuses_no_words() -> None:
    with pytest.raises(RuleError):
        prefix_tree([])


@settings(max_examples=400)
@given(TEXT, st.integers(-5, 70), st.integers(-5, 70) | st.none())
def test_scanning_never_raises(text: str, start: int, end: int | None) -> None:
    for scan in (scan_zh, scan_en):
        tokens = list(scan(text, start, end))
        last = max(start, 0)
        for t in tokens:
            assert last <= t.start < t.end <= (len(text) if end is None else max(end, 0))
            assert t.form in FORMS.values() and isinstance(t.value, Decimal) and t.value >= 0
            last = t.end
            written = text[t.start:t.end]
            if t.form == "arabic":
                assert parse_arabic(written) == t.value
            elif t.form == "zh":
                assert parse_zh_numeral(written) == t.value
            elif t.form == "word":
                assert parse_en_words(written) == t.value


@given(st.integers(0, 10**60), st.integers(1, 10**6))
def test_a_share_of_any_size_rounds_like_exact_arithmetic(part: int, whole: int) -> None:
    """share_of never runs out of digits (the fuzz found 10^40 quarters): it equals the exact quotient rounded."""
    import decimal

    with decimal.localcontext(decimal.Context(prec=200)):
        expected = (Decimal(part) / Decimal(whole)).quantize(Decimal("0.0001"))
    assert share_of(Decimal(part), Decimal(whole)) == expected


@pytest.mark.parametrize(("written", "rounded", "place"), [
    ("5万3345件", False, 1), ("5万3千件", False, 1000), ("3亿5000万元", False, 10**4), ("3亿5000万元", True, 10**7),
    ("超过5万3345件", False, 1), ("629.06万元", False, None), ("80,657件", False, None),
])
def test_the_last_digit_of_a_number_below_its_scale(written: str, rounded: bool, place: int | None) -> None:
    """Where a number that goes on below its scale writes its last digit: what rounding it may read (5万3345 is
    exact to the unit, not to the 万 of its first part)."""
    found = below_scale_place(written, rounded)
    assert found == (None if place is None else Decimal(place))
