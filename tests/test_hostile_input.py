"""Hostile sizes and shapes, at sizes the suite can afford: deep nesting, a bloated CMS page, a page
of numbers, a long run of "1," inside the paper.

These are correctness tests: the same figures as the clean seed, every numeral accounted for, and a
memory bound measured with tracemalloc (deterministic for one input), never a wall-clock limit.
Full sizes and timings are in bench/hostile_input.py.
"""

from __future__ import annotations

import tracemalloc
from collections.abc import Callable
from functools import cache
from typing import Any

import pytest

import hostile
from extractor import process
from extractor.pipeline import Result
from extractor.read import read
from extractor.records import ClaimKind
from invariants import assert_sound

DEPTH = 20_000


@cache
def _seed() -> Result:
    return process(hostile.SEED.read_bytes(), doc_id="hostile")


def _figures(result: Result, shift: Callable[[int], int] = lambda start: start) -> list[tuple[Any, ...]]:
    return [(c.lang, c.section, c.kind, c.value, c.unit, c.text, shift(c.start)) for c in result.claims]


def _peak(function: Callable[[], object]) -> int:
    """Peak bytes Python allocates while `function` runs (numpy arrays included)."""
    tracemalloc.start()
    try:
        function()
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("tag,closed", [("div", True), ("span", False)], ids=["div-closed", "span-unclosed"])
def test_deep_nesting_gives_the_seeds_figures(tag: str, closed: bool) -> None:
    result = process(hostile.nested(DEPTH, tag, closed), doc_id="hostile")
    assert result.document.text == _seed().document.text
    assert _figures(result) == _figures(_seed())
    assert [(p.zh, p.en) for p in result.pairs] == [(p.zh, p.en) for p in _seed().pairs]


def test_bloated_cms_page_gives_the_seeds_figures() -> None:
    """Scripts, styles, base64 images, a huge menu, comments and hidden blocks around the paper."""
    page = hostile.bloated_page(1_000_000)
    result = process(page, doc_id="hostile")
    assert result.document.text == _seed().document.text
    assert _figures(result) == _figures(_seed())
    assert "栏目7 新闻动态 Section 7" in result.document.chrome
    assert "dataLayer" not in result.document.text and "base64" not in result.document.text


def test_page_of_numbers_pairs_each_figure_with_its_own() -> None:
    """A statistical annex: every cell a figure; each count pairs with the English cell of its row."""
    rows = 200
    result = process(hostile.numbers_page(rows), doc_id="hostile")
    assert_sound(result)
    claims = {c.id: c for c in result.claims}
    counts = [(claims[p.zh], claims[p.en]) for p in result.pairs if claims[p.zh].kind is ClaimKind.count]
    assert len(counts) == rows
    assert all(zh.value == en.value for zh, en in counts)


def test_run_of_ones_inside_the_paper_loses_nothing() -> None:
    """500 x "1," run into a Chinese and an English paragraph: every numeral accounted for (each run one
    malformed span: a data dump, not figures), the rest unchanged."""
    count = 500
    raw = hostile.run_in_seed(count)
    result = process(raw, doc_id="hostile")
    assert_sound(result)
    run = "1," * count
    zh_run = result.document.text.index(run)
    en_run = result.document.text.index(run, zh_run + len(run))

    def back(start: int) -> int:
        return start - len(run) * ((start >= zh_run) + (start >= en_run))

    outside = [f for f, c in zip(_figures(result, back), result.claims)
               if not (zh_run <= c.start < zh_run + len(run) or en_run <= c.start < en_run + len(run))]
    assert outside == _figures(_seed())
    assert [(s.start, s.end, s.reason.value) for s in result.skipped if s.start in (zh_run, en_run)] == [
        (zh_run, zh_run + len(run) - 1, "malformed"), (en_run, en_run + len(run) - 1, "malformed")]


READ_BUDGETS = {
    "bloated page": (lambda: hostile.bloated_page(600_000), 12),
    "5,000 nested divs": (lambda: hostile.nested(5_000), 120),
    "5,000 unclosed spans": (lambda: hostile.nested(5_000, "span", closed=False), 160),
}
"""Input, and the bytes a character of it may cost `read` at its peak (about twice what it costs now)."""


@pytest.mark.parametrize("make,budget", READ_BUDGETS.values(), ids=READ_BUDGETS.keys())
def test_read_memory_stays_linear(make: Callable[[], str], budget: int) -> None:
    read("<p>深圳。</p>")
    raw = make()
    assert _peak(lambda: read(raw)) <= budget * len(raw)


CLAIM_BUDGET = 16_000
"""Bytes a claim may cost `process` at its peak: the seed costs 8,000."""


def test_seed_memory_per_claim() -> None:
    """Measured warm: the first run loads jieba and the rules, once per process."""
    claims = len(_seed().claims)
    raw = hostile.SEED.read_bytes()
    assert _peak(lambda: process(raw, doc_id="hostile")) <= CLAIM_BUDGET * claims


@pytest.mark.parametrize("make", [lambda: hostile.run_in_seed(1_000, "5%,"), lambda: hostile.numbers_page(2_000)],
                         ids=["1,000 x '5%,' in the seed", "a page of 4,000 figures in one section"])
def test_memory_per_claim_stays_flat_on_many_figures(make: Callable[[], str]) -> None:
    """align scores in blocks of bounded size (a dense paper-wide matrix once cost 30 KB a claim here)."""
    raw = make()
    claims = len(process(raw, doc_id="hostile").claims)
    assert claims >= 2_000
    assert _peak(lambda: process(raw, doc_id="hostile")) <= CLAIM_BUDGET * claims
