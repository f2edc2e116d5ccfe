"""End to end on the seed: the text file and its GBK HTML page give the same paper."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import jsonschema
import pytest

from extractor import process
from extractor.records import Document, Lang

ROOT = Path(__file__).parent.parent
SEED = ROOT / "raw" / "shenzhen-ip-2013.txt"
HTML = ROOT / "tests" / "data" / "shenzhen-ip-2013.html"
CHROME = ("当前位置", "来源:", "字号", "相关附件", "版权所有", "ICP")


def _sections_table() -> list[dict[str, str]]:
    lines = [line for line in (ROOT / "tests/cases/seed_sections.tsv").read_text(encoding="utf-8").splitlines()
             if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module", params=[SEED, HTML], ids=["text", "html"])
def document(request: pytest.FixtureRequest) -> Document:
    return process(request.param.read_bytes(), doc_id="shenzhen-ip-2013").document


def test_sections_and_headings(document: Document) -> None:
    got = [(s.lang.value, s.number, s.heading) for s in document.sections]
    assert got == [(r["lang"], r["number"], r["heading"]) for r in _sections_table()]


def test_both_languages_have_the_same_numbers(document: Document) -> None:
    zh = [s.number for s in document.sections if s.lang is Lang.zh]
    en = [s.number for s in document.sections if s.lang is Lang.en]
    expected = ["title", "intro"] + [n for c in "12345" for n in (c, f"{c}.1", f"{c}.2", f"{c}.3")] + ["outro"]
    assert zh == en == expected
    assert document.warnings == []


def test_spans_point_at_their_text(document: Document) -> None:
    text = document.text
    starts = {(s.lang, s.number): text[s.start : s.end] for s in document.sections}
    assert starts[(Lang.zh, "intro")].startswith("2013年,深圳市深入实施知识产权战略纲要")
    assert starts[(Lang.en, "intro")].startswith("In 2013, the government of Shenzhen")
    assert starts[(Lang.zh, "outro")].startswith("2014年,是贯彻落实党的十八届三中全会精神")
    assert starts[(Lang.en, "outro")].startswith("In summary, the year 2014")
    assert starts[(Lang.zh, "1.1")].startswith("(一)专利申请和授权量继续增长。2013年")
    assert starts[(Lang.en, "5.3")].endswith("practical talents of IPR.")
    for section in document.sections:
        assert text[section.start : section.end].startswith(section.heading)


def test_no_page_chrome_anywhere(document: Document) -> None:
    assert not any(word in document.text for word in CHROME)
    assert document.title_zh == "深圳市2013年知识产权发展状况白皮书"
    assert document.title_en == "Intellectual Property Development in Shenzhen 2013"
    assert document.year == 2013


def test_document_validates_against_its_schema(document: Document) -> None:
    schema = json.loads((ROOT / "schemas" / "document.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(json.loads(document.model_dump_json()), schema)


def test_html_and_text_give_the_same_document() -> None:
    text, page = (process(p.read_bytes(), doc_id="x").document for p in (SEED, HTML))
    assert page.text == text.text
    assert page.sections == text.sections
    assert (text.encoding, page.encoding) == ("utf-8", "gb18030")


@pytest.mark.parametrize("enabled", [True, False], ids=["gc-on", "gc-off"])
@pytest.mark.parametrize("raw", [SEED.read_bytes(), b"no paper here"], ids=["paper", "input-error"])
def test_process_leaves_the_garbage_collector_as_it_found_it(enabled: bool, raw: bytes) -> None:
    """process() pauses the cyclic collector while it runs (see `paused_gc`), whatever happens inside."""
    import gc

    from extractor.errors import InputError

    (gc.enable if enabled else gc.disable)()
    try:
        try:
            process(raw, doc_id="gc")
        except InputError:
            pass
        assert gc.isenabled() is enabled
    finally:
        gc.enable()
