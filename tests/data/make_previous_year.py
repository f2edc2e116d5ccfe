"""Build the 2012 paper the cross-year tests need, from the 2013 seed: python tests/data/make_previous_year.py

Every year, date and period is moved back one year (2013 -> 2012, in both languages). Every figure the seed
gives a year-on-year rate for (80,657件, 同比增长10.29%) becomes last year's figure, figure / (1 + rate),
rounded to the digits the seed writes it with; every running total with this year's addition beside it
(累计驰名商标118件, 新获认定15件) becomes total - addition. Each changed figure is changed in both languages
(the English through its pairing), so the 2012 paper is consistent with the 2013 one and with itself.

Writes `shenzhen-ip-2012.txt`, and one variant a planted inconsistency (PLANTS): the test requires exactly
that one cross_year discrepancy from each variant, and none from the consistent paper.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import regex

from extractor import process
from extractor.cross_year import RATE_LEVELS, places, referent_key
from extractor.pipeline import Result
from extractor.records import Change, Claim, ClaimKind, Lang

HERE = Path(__file__).parent
SEED = HERE.parent.parent / "raw" / "shenzhen-ip-2013.txt"
TIME_KINDS = {ClaimKind.year, ClaimKind.date, ClaimKind.period}
_YEAR = regex.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")
_NUMBER = regex.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")

PLANTS = {
    "planted-rate": ("核准注册商标", "37,606"),  # consistent: 39,527 / 1.0664 = 37,066
    "planted-total": ("累计驰名商标", "105"),  # consistent: 118 - 15 = 103
}
"""Variant name -> (the referent of the figure to change, the figure it says instead)."""


def _written(value: Decimal, like: str) -> str:
    """`value` written as `like` is: the same decimals, thousands commas if it has them."""
    decimals = len(like.split(".")[1]) if "." in like else 0
    rounded = value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    return f"{rounded:,.{decimals}f}" if "," in like else f"{rounded:.{decimals}f}"


def _previous_figures(result: Result) -> dict[str, str]:
    """Claim id (both languages) -> last year's figure as written, for every figure a rate or an addition fixes."""
    place = places(result.document.title_zh)
    zh = [c for c in result.claims if c.lang is Lang.zh]
    key = {c.id: referent_key(c.referent, place) for c in zh}
    figures: dict[str, str] = {}
    for index, claim in enumerate(zh):
        before = [c for c in zh[:index] if c.sentence == claim.sentence and key[c.id] == key[claim.id]
                  and c.approx is None and c.change is None]
        if claim.change is not None and claim.kind is ClaimKind.percent:
            level = next((c for c in reversed(before) if c.kind in RATE_LEVELS), None)
            if level is not None:
                rate = Decimal(str(claim.value)) / 100
                factor = 1 + rate if claim.change is Change.increase else 1 - rate
                figures[level.id] = _written(Decimal(str(level.value)) / factor, _digits(level))
        elif (key[claim.id] or "").startswith("累计") and claim.approx is None:
            added = [c for c in zh if c.sentence == claim.sentence and "新获" in (key[c.id] or "")
                     and c.unit == claim.unit]
            if len(added) == 1:
                value = Decimal(str(claim.value)) - Decimal(str(added[0].value))
                figures[claim.id] = _written(value, _digits(claim))
    partners = {p.zh: p.en for p in result.pairs}
    return {**figures, **{partners[i]: text for i, text in figures.items() if i in partners}}


def _digits(claim: Claim) -> str:
    match = _NUMBER.search(claim.text)
    assert match, claim
    return match.group()


def _edits(result: Result, figures: dict[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, new text) for every year moved back and every figure replaced."""
    edits = []
    for claim in result.claims:
        if claim.kind in TIME_KINDS:
            edits.append((claim.start, claim.end, _YEAR.sub(lambda m: str(int(m.group()) - 1), claim.text)))
        elif claim.id in figures:
            digits = _NUMBER.search(claim.text)
            assert digits, claim
            edits.append((claim.start, claim.end, claim.text[:digits.start()] + figures[claim.id]
                          + claim.text[digits.end():]))
    return edits


def _apply(text: str, edits: list[tuple[int, int, str]]) -> str:
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def _planted(result: Result, figures: dict[str, str], referent: str, figure: str) -> dict[str, str]:
    """The figures with the one whose Chinese referent ends with `referent` (and its English) saying `figure`."""
    partners = {p.zh: p.en for p in result.pairs}
    target = next(i for i in figures if i.startswith("zh-") and next(
        c for c in result.claims if c.id == i).referent.endswith(referent))
    return {**figures, target: figure, partners[target]: figure}


def main() -> None:
    result = process(SEED.read_bytes(), doc_id="shenzhen-ip-2013")
    figures = _previous_figures(result)
    papers = {"shenzhen-ip-2012": figures}
    papers |= {f"shenzhen-ip-2012-{name}": _planted(result, figures, *plant) for name, plant in PLANTS.items()}
    for name, chosen in papers.items():
        path = HERE / f"{name}.txt"
        path.write_text(_apply(result.document.text, _edits(result, chosen)), encoding="utf-8")
        print(f"wrote {path} ({sum(i.startswith('zh-') for i in chosen)} figures of last year)")


if __name__ == "__main__":
    main()
