"""Fuzz `process()` from four sources: random text, random HTML, the seed with random edits, random bytes.

Every example must end in the documented InputError or in a result that passes
`invariants.assert_sound` (records validate and point at their text, spans never overlap and
cover every numeral, pairs and discrepancies name real claims), and two runs must give the same
bytes. The text sources are built from paper-like pieces mixed with any Unicode, so that most
examples get past the reader and the segmenter. The `ci` profile keeps this short; the long run
is `HYPOTHESIS_PROFILE=long FUZZ_EXAMPLES=100000 python -m pytest -k fuzz tests/test_fuzz.py`.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import event, given, settings
from hypothesis import strategies as st

from invariants import assert_sound, outcome

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "raw" / "shenzhen-ip-2013.txt"
CASES = ROOT / "tests" / "cases"

STEADY = settings(derandomize=os.environ.get("HYPOTHESIS_PROFILE", "ci") == "ci")
"""The suite replays the same examples each run (no flaky CI); the long run by hand explores new ones."""

ZH_PIECES = ["深圳市", "专利申请量", "80,657件", "同比增长10.29%", "同比下降", "629.06万元", "1.74亿元", "290多万件",
             "将近12亿元", "约", "超过", "第十五届", "2013年", "9月26日", "2012年5月至2013年4月", "一、", "(二)", "（三）",
             "三分之一", "一半", "一系列", "两", "3.3个百分点", "增长19倍", "，", "。", "；", "、", "\n", "\n\n",
             "１２３", "〇", "零", "十二", "SZDB/Z 71-2013", "第七大道", "4?26", "23﹒7万元", "1200万至1400万"]
EN_PIECES = ["In 2013, ", "applications ", "80,657", " up 10.29%", "RMB 6.2906 million", " 1.2 billion", "over ",
             "nearly ", "about ", "up to ", "4 to 6 million", "the 15th ", "September 26, 2013", "I. ", "II.", "2. ",
             "one third", "half ", "ten ", "3.3 percentage points", "19-fold", ", ", ". ", "\n", "\n\n", "1,",
             "10000000000000000000000000000000000000000", "1.2.3.4", "SZDB/Z 71-2013", "HK$ 5 ", "No. 1 "]
HTML_PIECES = ["<p>", "</p>", "<div class='nav'>", "<div id='content'>", "</div>", "<br>", "<br/>", "<script>",
               "</script>", "<style>p{}</style>", "<a href='x'>", "</a>", "<!--", "-->", "&nbsp;", "&raquo;",
               "&#20013;", "&#x6587;", "&amp;", "<meta charset=gb2312>", "<h1>", "</h1>", "<pre>", "</pre>",
               "<table><tr><td>", "</td><td>", "</td></tr></table>", "<li>", "<ul>", "</ul>", "<nav>", "</nav>",
               "<form>", "</form>", "<header>", "<![CDATA[", "]]>", "<?xml version='1.0'?>", "<", ">", "</", "\n"]


def _paper_text(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(pieces), st.text(max_size=6)), max_size=40).map("".join)


def _check(raw: str | bytes) -> bool:
    """Whether `raw` got past the input error; its result must be sound either way."""
    result = outcome(raw)
    if result is not None:
        assert_sound(result)
    return result is not None


def _fuzz(raw: str | bytes) -> None:
    event("result" if _check(raw) else "input error")


@STEADY
@given(st.one_of(st.tuples(_paper_text(ZH_PIECES), _paper_text(EN_PIECES)).map("\n\n".join), st.text(max_size=400)))
def test_fuzz_random_text(raw: str) -> None:
    _fuzz(raw)


def _markup(pieces: list[str]) -> st.SearchStrategy[str]:
    return st.lists(st.one_of(st.sampled_from(HTML_PIECES), st.sampled_from(pieces), st.text(max_size=6)),
                    max_size=40).map("".join)


@STEADY
@given(st.sampled_from(["<html><body>", "<!DOCTYPE html><html><head><title>t</title></head><body>", "<div>"]),
       _markup(ZH_PIECES), _markup(EN_PIECES), _markup(HTML_PIECES))
def test_fuzz_random_html(opening: str, chinese: str, english: str, tail: str) -> None:
    """A page whose markup, Chinese and English pieces are mixed at random, the Chinese first."""
    _fuzz(f"{opening}{chinese}<p>{english}{tail}".encode("utf-8"))


def _excerpt() -> str:
    """The raw seed from its first line to the end of chapter 1, in both languages: a small whole paper."""
    raw = SEED.read_text(encoding="utf-8")
    english = raw.index("  Intellectual Property Development in Shenzhen 2013")
    return raw[: raw.index("  二、知识产权运用")] + raw[english : raw.index("  II.Achieving")]


EXCERPT = _excerpt()
EDIT = st.tuples(st.integers(0, len(EXCERPT)), st.integers(0, 30),
                 st.one_of(st.sampled_from(ZH_PIECES + EN_PIECES + HTML_PIECES), st.text(max_size=6)))
BYTE_EDIT = st.tuples(st.integers(0, 4 * len(EXCERPT)), st.binary(min_size=1, max_size=3))


@STEADY
@given(st.lists(EDIT, max_size=12), st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
       st.lists(BYTE_EDIT, max_size=3))
def test_fuzz_seed_with_random_edits(edits: list[tuple[int, int, str]], codec: str,
                                     byte_edits: list[tuple[int, bytes]]) -> None:
    """Insertions and deletions in the text, then the text in some encoding with a few bytes overwritten."""
    text = EXCERPT
    for position, deleted, inserted in sorted(edits, reverse=True):
        text = text[:position] + inserted + text[position + deleted :]
    data = bytearray(text.encode(codec, errors="replace"))
    for position, replacement in byte_edits:
        place = position % max(len(data), 1)
        data[place : place + len(replacement)] = replacement
    _fuzz(bytes(data))


@STEADY
@given(st.binary(max_size=600))
def test_fuzz_random_bytes(raw: bytes) -> None:
    _fuzz(raw)


def test_the_excerpt_is_a_paper_the_fuzz_starts_from() -> None:
    """Unedited, the seed excerpt is a sound bilingual paper with pairs (else the edits test only errors)."""
    result = outcome(EXCERPT)
    assert result is not None and result.pairs and result.document.warnings == []
    assert_sound(result)


def _finds() -> list[Any]:
    """tests/cases/fuzz_finds.jsonl: inputs the fuzz found (each a paper), known failures xfail(strict) with why."""
    rows = [json.loads(line) for line in (CASES / "fuzz_finds.jsonl").read_text(encoding="utf-8").splitlines() if line]
    return [pytest.param(row["raw"], id=row["id"],
                         marks=[pytest.mark.xfail(strict=True, reason=row["xfail"])] if "xfail" in row else [])
            for row in rows]


@pytest.mark.parametrize("raw", _finds())
def test_fuzz_find(raw: str) -> None:
    assert _check(raw)
