"""The claim grammars, case by case: every figure's span, kind, value, unit, bound and change."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from extractor.claims_en import read_en
from extractor.claims_zh import read_zh
from extractor.records import Found

CASES = Path(__file__).parent / "cases"
READERS = {"zh": read_zh, "en": read_en}
FIELDS = ("kind", "value", "value_max", "unit", "approx", "change")


def _cases(lang: str) -> list[dict[str, Any]]:
    lines = (CASES / f"claims_{lang}.jsonl").read_text(encoding="utf-8").splitlines()
    return [dict(json.loads(line), lang=lang) for line in lines if line.strip()]


def _claim(text: str, found: Found) -> dict[str, Any]:
    row = {"text": text[found.start : found.end]}
    for field in FIELDS:
        value = getattr(found, field)
        row[field] = getattr(value, "value", value)
    return row


def _expected(row: dict[str, Any]) -> dict[str, Any]:
    return {"text": row["text"], **{field: row.get(field) for field in FIELDS}}


@pytest.mark.parametrize("case", _cases("zh") + _cases("en"), ids=lambda c: f"{c['lang']}: {c['source']}")
def test_claims(case: dict[str, Any]) -> None:
    text = case["text"]
    found = READERS[case["lang"]](text, 0, len(text), 0)
    claims = [_claim(text, f) for f in found if f.kind is not None]
    assert claims == [_expected(row) for row in case["claims"]]
    skipped = [(text[f.start : f.end], f.reason.value) for f in found if f.reason is not None]
    assert skipped == [(row["text"], row["reason"]) for row in case.get("skipped", [])]


@settings(max_examples=500)
@given(st.lists(st.sampled_from(list("AZaz09０/ -.编号第七大道") + ["RMB", "SZDB", "th", "有限公司", "集团", "公司"]),
                max_size=14).map("".join))
def test_cheap_gates_never_hide_a_span(text: str) -> None:
    """A full identifier or name scan is skipped when its cheap gate finds nothing: the gate must be implied."""
    from extractor import claims_zh

    for full, gate in ((claims_zh._IDENTIFIER, claims_zh._MAY_HOLD_IDENTIFIER),
                       (claims_zh.vocabulary().name_pattern, claims_zh.vocabulary().name_suffix)):
        if full.search(text):
            assert gate.search(text), (full.pattern[:40], text)


@settings(max_examples=800)
@given(st.lists(st.sampled_from(list("Aa7０ /-.x") + ["RMB", "SZDB", "Z", "th", "Road", "ten", "XRMB", "RMB/", "IPC"])
                | st.sampled_from(["SZDB/Z 71-2013", "IPC 5", "RMB 7", "/RMB 7", "XRMB 7", "SZDB/RMB 7", "7Road", "A380",
                                   "5th", "Ten 5", "RMB 7 million", " 4"]), max_size=8).map("".join), st.integers(0, 3))
@example("7.7Ten 5", 0)
@example("ten5 x", 0)
def test_english_identifier_gate_sees_every_identifier_that_holds_a_figure(text: str, start: int) -> None:
    """The identifier and name scans run only when a figure passes `_may_be_in_identifier`; any match that holds
    a figure's start must come with such a figure."""
    from extractor import claims_en

    start = min(start, len(text))
    reader = claims_en.EnReader(text, start, len(text), 0)
    spans = [m.span() for pattern in (claims_en._IDENTIFIER, claims_en._NAME)
             for m in pattern.finditer(text, start, len(text))]
    if any(a <= t.start < b for a, b in spans for t in reader.tokens):
        assert any(reader._may_be_in_identifier(t) for t in reader.tokens), (text, start, spans)


@settings(max_examples=300)
@given(st.lists(st.sampled_from(["HALF", "half", "ranked", "Ranked the ", "top", "TOP", "doubled", "Trebled", " ", "x",
                                 "ſ", "of"]), max_size=8).map("".join))
def test_word_claims_gate_holds_for_every_match(text: str) -> None:
    from extractor import claims_en

    if claims_en._WORD_CLAIMS.search(text):
        assert any(word in text.lower() for word in claims_en._WORD_CLAIM_WORDS)
