"""The reader's two HTML parsers give the same paragraphs, and each is used where it should be.

lxml parses every page it can (fast); html.parser takes the pages nested past libxml2's depth limit;
tag stripping is the last resort. The paragraphs must not depend on which parser ran.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

import hostile
from extractor import read as read_module
from extractor.read import _decode, _lxml_events, _lxml_tree, _soup_events, _walk, read

ROOT = Path(__file__).resolve().parent.parent
CASES = [(case["id"], case["html"]) for case in map(json.loads, (ROOT / "tests/cases/html_cases.jsonl").open(encoding="utf-8"))]
PAGES = {path.name: path for path in sorted((ROOT / "tests" / "data").glob("*.html"))}
BUILT = {"bloated page": lambda: hostile.bloated_page(300_000), "page of numbers": lambda: hostile.numbers_page(100),
         "200 nested divs": lambda: hostile.nested(200)}


def _both(raw: str | bytes) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """The paragraphs of lxml and of html.parser, from the text `read` would decode."""
    text = _decode(raw, "page")[0]
    root = _lxml_tree(text)
    assert root is not None, "lxml gave up on a page it should parse"
    return _walk(_lxml_events(root)), _walk(_soup_events(BeautifulSoup(text, "html.parser")))


@pytest.mark.parametrize("text", [html for _, html in CASES], ids=[name for name, _ in CASES])
def test_both_parsers_agree_on_the_html_cases(text: str) -> None:
    fast, slow = _both(text)
    assert fast == slow


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_both_parsers_agree_on_the_fixture_pages(path: Path) -> None:
    fast, slow = _both(path.read_bytes())
    assert fast == slow


@pytest.mark.parametrize("make", BUILT.values(), ids=BUILT.keys())
def test_both_parsers_agree_on_hostile_pages(make) -> None:  # type: ignore[no-untyped-def]
    fast, slow = _both(make())
    assert fast == slow


def test_nesting_past_libxml2s_limit_goes_to_html_parser() -> None:
    """libxml2 stops at 2,048 levels; test_hostile_input.py takes the pipeline through 20,000."""
    page = hostile.nested(5_000)
    assert _lxml_tree(page) is None
    assert read(page).text == read(hostile.SEED.read_bytes()).text


def _gives_up(*args: object, **kwargs: object) -> None:
    raise RecursionError("maximum recursion depth exceeded")


def test_tag_stripping_when_both_parsers_give_up(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(read_module, "_lxml_tree", lambda text: None)
    monkeypatch.setattr(read_module, "_soup_tree", _gives_up)
    page = (ROOT / "tests" / "data" / "zoom-br-utf8.html").read_bytes()
    expected = (ROOT / "tests" / "data" / "zoom-br-utf8.expected.txt").read_text(encoding="utf-8").strip().split("\n\n")
    result = read(page, "zoom-br-utf8.html")
    assert [p for p in result.text.split("\n\n") if p in expected] == expected
    assert "dataLayer" not in result.text and "<" not in result.text
