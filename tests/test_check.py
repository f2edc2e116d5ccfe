"""Pairing and checking: the dev-key pairing gate, the seed's report, and one case per discrepancy kind."""

from __future__ import annotations

import csv
import importlib.util
import json
from pathlib import Path
from typing import Any

import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from extractor import check, process
from extractor.pipeline import Result
from extractor.records import Claim

ROOT = Path(__file__).parent.parent
DATA = ROOT / "tests" / "data"
CASES = ROOT / "tests" / "cases"


@pytest.fixture(scope="module")
def seed() -> Result:
    return process((ROOT / "raw" / "shenzhen-ip-2013.txt").read_bytes(), doc_id="shenzhen-ip-2013")


def _report(result: Result) -> list[tuple[str, ...]]:
    texts = {c.id: c.text for c in result.claims}
    return [(d.section or "", d.kind.value, d.severity.value, " / ".join(texts[i] for i in d.zh_claims),
             " / ".join(texts[i] for i in d.en_claims)) for d in result.discrepancies]


def test_pairing_gate_on_the_development_key(seed: Result) -> None:
    spec = importlib.util.spec_from_file_location("score_claims", DATA / "score_claims.py")
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    rows = lambda records: [json.loads(r.model_dump_json()) for r in records]  # noqa: E731
    result = scorer.score_pairs(scorer.load(DATA / "gold_dev.jsonl"), rows(seed.claims), rows(seed.pairs),
                                {"title", "intro", "1", "2"})
    floor = json.loads((DATA / "baseline.json").read_text())["pairs_f1"]
    assert result["pairs"]["f1"] >= floor, (result["pairs"], result["wrong"], result["missed"])


def test_the_seed_report_is_every_real_discrepancy_and_nothing_else(seed: Result) -> None:
    lines = [line for line in (CASES / "seed_discrepancies.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    expected = [tuple(row.values()) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]
    assert _report(seed) == expected


def test_no_error_on_a_right_pair(seed: Result) -> None:
    paired = {p.zh for p in seed.pairs} | {p.en for p in seed.pairs}
    errors = [d for d in seed.discrepancies if d.severity.value == "error" and set(d.zh_claims + d.en_claims) <= paired]
    assert errors == []


def _cases() -> list[dict[str, Any]]:
    return [json.loads(line) for line in (CASES / "pair_checks.jsonl").read_text(encoding="utf-8").splitlines() if line]


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["source"])
def test_pair_checks(case: dict[str, Any]) -> None:
    result = process(f"{case['zh']}\n\n{case['en']}", doc_id="case")
    assert [row[1:] for row in _report(result)] == [tuple(e) for e in case["expect"]]


IN_TITLE = regex.compile(r"《[^《》]*$|[“‘\"][^”’\"]*$")
"""What `check._quoted` decides, as a pattern: an 《 or an opening quote with no close after it."""


@settings(max_examples=500)
@given(st.text(alphabet="《》“”‘’\"a书", max_size=30), st.integers(0, 200))
def test_quoted_is_an_open_title_or_quote_in_the_window_before(text: str, pad: int) -> None:
    text = "x" * pad + text
    claim = Claim.model_construct(start=len(text))
    assert check._quoted(text + "12", claim) == bool(IN_TITLE.search(text, max(0, len(text) - 120)))


DIGIT_STRINGS = st.text(alphabet="0123456789", max_size=7) | st.sampled_from(["3215", "3251", "80657", "8657", "12", "21"])


@settings(max_examples=300)
@given(st.lists(DIGIT_STRINGS, min_size=1, max_size=6), st.lists(DIGIT_STRINGS, min_size=1, max_size=6))
def test_near_digits_of_all_pairs_at_once_is_the_pairwise_rule(zh: list[str], en: list[str]) -> None:
    """align scores near misses as array arithmetic; `_digits_near`, one pair at a time, is its definition."""
    from types import SimpleNamespace

    import numpy

    from extractor import align

    rows, columns = (numpy.array(k) for k in zip(*[(i, j) for i in range(len(zh)) for j in range(len(en))]))
    width = max(1, *map(len, zh + en))
    grids = (align._DigitGrid([SimpleNamespace(digits=d) for d in digits], pad, width)
             for digits, pad in ((zh, "a"), (en, "b")))
    near = align._near_digits(next(grids), rows, next(grids), columns)
    assert near.tolist() == [align._digits_near(zh[i], en[j]) for i, j in zip(rows, columns)]


@pytest.mark.parametrize("value,significant,digits", [
    ("6290600", "62906", "6290600"), ("629.06", "62906", "62906"), ("9.45", "945", "945"), ("0.05", "5", "5"),
    ("100", "1", "100"), ("0", "0", "0"), ("2013", "2013", "2013"), ("1E+29", "1", "1" + "0" * 29),
])
def test_digit_forms(value: str, significant: str, digits: str) -> None:
    from decimal import Decimal

    from extractor import align

    assert align._digit_forms(Decimal(value)) == (significant, digits)
    assert align._digit_forms(None) == ("0", "")


@settings(max_examples=300)
@given(st.lists(st.sampled_from("abcd"), max_size=40), st.lists(st.sampled_from("abcde"), max_size=40),
       st.sampled_from([4, 16, 60, 10_000]))
def test_score_blocks_stay_small_and_keep_each_small_section_whole(zh: list[str], en: list[str], cells: int) -> None:
    from types import SimpleNamespace

    from extractor import align

    claims = lambda sections: [SimpleNamespace(section=s) for s in sections]  # noqa: E731
    original, align.MAX_BLOCK_CELLS = align.MAX_BLOCK_CELLS, cells
    try:
        blocks = list(align._blocks(claims(zh), claims(en)))
    finally:
        align.MAX_BLOCK_CELLS = original
    rows = [i for block_rows, _ in blocks for i in block_rows]
    columns = [j for _, block_columns in blocks for j in block_columns]
    assert len(rows) == len(set(rows)) and len(columns) == len(set(columns)), "each claim in one block at most"
    assert all(len(r) * len(c) <= cells for r, c in blocks)
    for section in set(zh) & set(en):
        size = zh.count(section) * en.count(section)
        held = [k for k, (r, c) in enumerate(blocks) if any(zh[i] == section for i in r)]
        if size <= cells:
            assert len(held) == 1, "a section that fits is scored in one block"
            r, c = blocks[held[0]]
            assert {i for i in r if zh[i] == section} == {i for i, s in enumerate(zh) if s == section}
            assert {j for j in c if en[j] == section} == {j for j, s in enumerate(en) if s == section}
